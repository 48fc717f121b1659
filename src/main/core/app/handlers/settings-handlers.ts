import type { settingsContract } from '../../../../shared/contract/settings-contract';
import type { AreaHandlers, CoreServices, HostFacts } from './handler-types';

export function settingsHandlers(_core: CoreServices, _host: HostFacts): AreaHandlers<typeof settingsContract> {
  return {};
}
