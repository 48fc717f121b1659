import { AppError } from '../../shared/contract/ipc-result';
import { REASONING_EFFORTS, type ReasoningChoice, type ReasoningEffort } from '../../shared/reasoning';
import { checkReasoningChoice } from '../core/provider-config/reasoning-support';
import { speaksTwoApis } from '../core/provider-config/wire-api-choice';
import type { ProviderKind, WireApi } from '../core/providers/provider-types';
import { CliUsageError } from './cli-io';

export interface ThinkingOptions {
  api?: WireApi;
  reasoning?: ReasoningChoice;
}

/** `--api`, `--reasoning-effort` and `--thinking-budget` as typed: each checked before anything opens. */
export function parseThinkingOptions(values: { api?: string | undefined; 'reasoning-effort'?: string | undefined; 'thinking-budget'?: string | undefined }): ThinkingOptions {
  const { api } = values;
  if (api !== undefined && api !== 'chat' && api !== 'responses') throw new CliUsageError(`--api takes responses or chat, not "${api}"`);
  const effort = values['reasoning-effort'];
  if (effort !== undefined && !isEffort(effort)) {
    throw new CliUsageError(`--reasoning-effort takes ${REASONING_EFFORTS.join(', ')}, not "${effort}"`);
  }
  const budgetText = values['thinking-budget'];
  const budget = budgetText === undefined ? undefined : Number(budgetText);
  if (budget !== undefined && (!/^\d+$/.test(budgetText ?? '') || !Number.isSafeInteger(budget) || budget <= 0)) {
    throw new CliUsageError('--thinking-budget takes a positive whole number of tokens');
  }
  if (effort !== undefined && budget !== undefined) throw new CliUsageError('give --reasoning-effort or --thinking-budget, not both');
  const reasoning: ReasoningChoice | undefined =
    effort !== undefined ? { effort } : budget !== undefined ? { thinkingBudget: budget } : undefined;
  return { ...(api !== undefined ? { api } : {}), ...(reasoning ? { reasoning } : {}) };
}

/** Once the provider is known: the same rule the window's requests pass, reported as a usage error. */
export function checkThinkingFor(kind: ProviderKind, model: string, options: ThinkingOptions): void {
  if (options.api !== undefined && !speaksTwoApis(kind)) {
    throw new CliUsageError(`--api applies to openai, openrouter and openai-compatible providers, not ${kind}`);
  }
  if (!options.reasoning) return;
  try {
    checkReasoningChoice(kind, model, options.reasoning);
  } catch (error) {
    if (error instanceof AppError) throw new CliUsageError(error.message);
    throw error;
  }
}

function isEffort(value: string): value is ReasoningEffort {
  return (REASONING_EFFORTS as readonly string[]).includes(value);
}
