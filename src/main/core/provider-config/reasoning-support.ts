import { AppError } from '../../../shared/contract/ipc-result';
import type { ReasoningChoice, ReasoningControl, ReasoningEffort } from '../../../shared/reasoning';
import type { ProviderKind } from '../providers/provider-types';

interface Rule {
  kinds: readonly ProviderKind[];
  model: RegExp;
  control: ReasoningControl;
}

const effort = (...efforts: ReasoningEffort[]): ReasoningControl => ({ type: 'effort', efforts });
const budget = (minBudget: number, maxBudget: number): ReasoningControl => ({ type: 'budget', minBudget, maxBudget });

/**
 * Which models take which thinking control, from each vendor's documentation; the first rule that
 * matches wins. OpenAI's gpt-5 takes "minimal", its successors and the o-series do not, the pro models think hard only; xAI's
 * grok-3-mini takes low and high only (grok-4 refuses the parameter); Anthropic's budget starts at
 * 1,024 tokens; Gemini 2.5 takes a budget in its own range, Gemini 3 a level (low or high).
 * OpenRouter normalizes an effort for every reasoning model it routes.
 */
const RULES: readonly Rule[] = [
  { kinds: ['openai'], model: /-chat\b/, control: { type: 'none' } },
  { kinds: ['openai'], model: /^gpt-5(-mini|-nano)?(-\d{4}-\d{2}-\d{2})?$/, control: effort('minimal', 'low', 'medium', 'high') },
  { kinds: ['openai'], model: /^gpt-5(\.\d+)?-pro/, control: effort('high') },
  { kinds: ['openai'], model: /^(o\d|gpt-5|codex)/, control: effort('low', 'medium', 'high') },
  { kinds: ['xai'], model: /^grok-3-mini/, control: effort('low', 'high') },
  {
    kinds: ['openrouter'],
    model: /^(openai\/(o\d|gpt-5)|x-ai\/grok|anthropic\/claude-(3-7|3\.7|sonnet-4|opus-4|haiku-4)|google\/gemini-(2\.5|3)|deepseek\/deepseek-r1)/,
    control: effort('low', 'medium', 'high'),
  },
  { kinds: ['anthropic'], model: /^claude-opus-4(-1)?(-\d{8})?$/, control: budget(1024, 32_000) },
  { kinds: ['anthropic'], model: /^claude-(3-7-sonnet|sonnet-4|opus-4|haiku-4)/, control: budget(1024, 64_000) },
  { kinds: ['gemini'], model: /gemini-2\.5-pro/, control: budget(128, 32_768) },
  { kinds: ['gemini'], model: /gemini-2\.5-flash-lite/, control: budget(512, 24_576) },
  { kinds: ['gemini'], model: /gemini-2\.5-flash/, control: budget(1, 24_576) },
  { kinds: ['gemini'], model: /gemini-3/, control: effort('low', 'high') },
];

export function reasoningControlFor(kind: ProviderKind, model: string): ReasoningControl {
  const bare = model.replace(/^models\//, '');
  return RULES.find((rule) => rule.kinds.includes(kind) && rule.model.test(bare))?.control ?? { type: 'none' };
}

/** Refuses a choice the model would not take, before anything is sent or reserved. */
export function checkReasoningChoice(kind: ProviderKind, model: string, choice: ReasoningChoice): void {
  const control = reasoningControlFor(kind, model);
  if (choice.effort !== undefined) {
    if (control.type !== 'effort') throw invalid(`${model} takes no reasoning effort${offer(control)}.`);
    if (!control.efforts.includes(choice.effort)) {
      throw invalid(`${model} takes a reasoning effort of ${control.efforts.join(', ')}, not ${choice.effort}.`);
    }
  }
  if (choice.thinkingBudget !== undefined) {
    if (control.type !== 'budget') throw invalid(`${model} takes no thinking budget${offer(control)}.`);
    if (choice.thinkingBudget < control.minBudget || choice.thinkingBudget > control.maxBudget) {
      throw invalid(`${model} takes a thinking budget from ${control.minBudget} to ${control.maxBudget} tokens, not ${choice.thinkingBudget}.`);
    }
  }
}

function offer(control: ReasoningControl): string {
  if (control.type === 'effort') return ` (it takes a reasoning effort: ${control.efforts.join(', ')})`;
  if (control.type === 'budget') return ` (it takes a thinking budget from ${control.minBudget} to ${control.maxBudget} tokens)`;
  return '';
}

function invalid(message: string): AppError {
  return new AppError('invalid_request', message);
}
