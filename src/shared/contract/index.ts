import type { z } from 'zod';
import { appContract } from './app-contract';
import { billCheckContract } from './bill-check-contract';
import { budgetContract } from './budget-contract';
import { chatContract } from './chat-contract';
import { devicesContract } from './devices-contract';
import { insightsContract } from './insights-contract';
import { priceDataContract } from './price-data-contract';
import { settingsContract } from './settings-contract';
import { spendingContract } from './spending-contract';
import type { TallychatEvent } from './events';
import type { IpcResult } from './ipc-result';

/** The whole IPC contract: one map of method → request schema → response type. */
export const contract = {
  ...appContract,
  ...chatContract,
  ...budgetContract,
  ...spendingContract,
  ...settingsContract,
  ...devicesContract,
  ...priceDataContract,
  ...insightsContract,
  ...billCheckContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = ReturnType<NonNullable<Contract[M]['response']>>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function channelOf(method: MethodName): string {
  return `tallychat:${method}`;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What the renderer sees as `window.tallychat`, whether preload or the web bridge provides it. */
export type TallychatApi = {
  [M in MethodName]: (request: RequestOf<M>) => Promise<IpcResult<ResponseOf<M>>>;
} & {
  onEvent(listener: (event: TallychatEvent) => void): () => void;
};

export * from './events';
export * from './ipc-result';
