import type { CliCommand } from './cli-io';

/**
 * Every command, in the order `tallychat --help` lists them, each loaded only when it runs (or is
 * listed): a command's module pulls in what it needs (`chat` the providers and the price catalog,
 * `report` only the ledger), and the bundle keeps each in a chunk of its own.
 */
const LOADERS = {
  chat: async () => (await import('./commands/chat-command')).chatCommand,
  ui: async () => (await import('./commands/ui-command')).uiCommand,
  report: async () => (await import('./commands/report-command')).reportCommand,
  export: async () => (await import('./commands/export-command')).exportCommand,
  'bill-check': async () => (await import('./commands/bill-check-command')).billCheckCommand,
  budget: async () => (await import('./commands/budget-command')).budgetCommand,
  prices: async () => (await import('./commands/prices-command')).pricesCommand,
  devices: async () => (await import('./commands/devices-command')).devicesCommand,
  doctor: async () => (await import('./commands/doctor-command')).doctorCommand,
} satisfies Record<string, () => Promise<CliCommand>>;

export type CommandName = keyof typeof LOADERS;
export const COMMAND_NAMES = Object.keys(LOADERS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(LOADERS, name);
}

export function loadCommand(name: CommandName): Promise<CliCommand> {
  return LOADERS[name]();
}
