import type { Handler } from '../../api/dispatcher';
import type { MethodName } from '../../../../shared/contract';
import type { Core, CoreOptions } from '../core-types';

/** What an area's handlers may use: the core's stores and services (not the dispatcher itself). */
export type CoreServices = Omit<Core, 'dispatch'>;
export type HostFacts = Pick<CoreOptions, 'appVersion' | 'host' | 'dataDir' | 'nativeBinding' | 'chooseExportFile'>;

/** The handlers of one area of the contract, typed by that area's method names. */
export type AreaHandlers<Area> = { [M in keyof Area & MethodName]: Handler<M> };
