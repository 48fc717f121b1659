import type { ReasoningChoice } from '../../../shared/reasoning';
import type { ProviderKind } from './provider-types';

/**
 * The user's thinking choice in each wire format's own fields. Which model takes which choice is
 * checked before the call (provider-config/reasoning-support.ts); here it is only spelled.
 */

/** Chat Completions: OpenAI and xAI take `reasoning_effort`, OpenRouter its unified `reasoning` object. */
export function chatReasoningFields(kind: ProviderKind, reasoning: ReasoningChoice | undefined): Record<string, unknown> {
  if (reasoning?.effort === undefined) return {};
  return kind === 'openrouter' ? { reasoning: { effort: reasoning.effort } } : { reasoning_effort: reasoning.effort };
}

/**
 * Responses: the effort, and summaries of the reasoning to show apart from the answer. OpenAI's
 * first reasoning models (o1, o3-mini) refuse `summary` with unsupported_parameter; o3, o4-mini,
 * codex and the gpt-5 family take "auto".
 */
export function responsesReasoningField(model: string, reasoning: ReasoningChoice | undefined): Record<string, unknown> {
  if (reasoning?.effort === undefined) return {};
  const summary = /^(o1|o3-mini)\b/.test(model) ? {} : { summary: 'auto' };
  return { reasoning: { effort: reasoning.effort, ...summary } };
}

/**
 * Anthropic's extended thinking. Its max_tokens counts the thinking too and must exceed the
 * budget, so the answer's own room is added on top of the budget.
 */
export function anthropicThinking(reasoning: ReasoningChoice | undefined, answerTokens: number): Record<string, unknown> {
  if (reasoning?.thinkingBudget === undefined) return { max_tokens: answerTokens };
  return {
    max_tokens: answerTokens + reasoning.thinkingBudget,
    thinking: { type: 'enabled', budget_tokens: reasoning.thinkingBudget },
  };
}

/** Gemini 2.5 takes a token budget, Gemini 3 a level; both are asked to send their thoughts. */
export function geminiThinkingConfig(reasoning: ReasoningChoice | undefined): Record<string, unknown> {
  if (reasoning?.thinkingBudget !== undefined) return { thinkingConfig: { thinkingBudget: reasoning.thinkingBudget, includeThoughts: true } };
  if (reasoning?.effort !== undefined) return { thinkingConfig: { thinkingLevel: reasoning.effort, includeThoughts: true } };
  return {};
}
