import { z } from 'zod';

/** How hard a model that reasons should think: OpenAI's, xAI's and OpenRouter's scale; Gemini 3's levels. */
export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** What the user asked of a model's thinking for one request: an effort or a token budget, never both. */
export interface ReasoningChoice {
  effort?: ReasoningEffort;
  /** Anthropic's extended thinking and Gemini 2.5's thinkingBudget, in tokens. */
  thinkingBudget?: number;
}

/** The control a model takes, as the composer and the CLI offer it. */
export type ReasoningControl =
  | { type: 'none' }
  | { type: 'effort'; efforts: ReasoningEffort[] }
  | { type: 'budget'; minBudget: number; maxBudget: number };

/** The largest thinking budget any model documents (Anthropic's 128k output); a bound, not a default. */
export const MAX_THINKING_BUDGET = 128_000;

export const reasoningChoiceSchema = z
  .object({
    effort: z.enum(REASONING_EFFORTS).optional(),
    thinkingBudget: z.number().int().positive().max(MAX_THINKING_BUDGET).optional(),
  })
  .strict()
  .refine((choice) => choice.effort === undefined || choice.thinkingBudget === undefined, 'give an effort or a thinking budget, not both');
