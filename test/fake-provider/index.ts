export { startFakeProvider, type FakeProvider, type FakeProviderOptions } from './fake-provider';
export { scenarioSchema, type Fault, type FakeProtocol, type FakeUsage, type RecordedRequest, type Scenario } from './scenario';
