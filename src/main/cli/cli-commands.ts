import type { CliCommand } from './cli-io';
import { billCheckCommand } from './commands/bill-check-command';
import { budgetCommand } from './commands/budget-command';
import { chatCommand } from './commands/chat-command';
import { devicesCommand } from './commands/devices-command';
import { doctorCommand } from './commands/doctor-command';
import { pricesCommand } from './commands/prices-command';
import { reportCommand } from './commands/report-command';
import { uiCommand } from './commands/ui-command';

/** Every command, in the order `tallychat --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [chatCommand, uiCommand, reportCommand, billCheckCommand, budgetCommand, pricesCommand, devicesCommand, doctorCommand];
