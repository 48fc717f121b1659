import type { TokenUsage, UsageSource } from '../../../shared/usage';
import type { CallCounts } from '../pricing/call-fees';
import { countTextTokens } from '../tokens/count-tokens';
import type { ProviderUsage } from '../providers/provider-types';

export interface FinalUsage {
  usage: TokenUsage;
  source: UsageSource;
  /** The calls a per-call fee applies to: the request itself, unless the provider refused it, and its searches. */
  calls: CallCounts;
}

export interface UsageEvidence {
  model: string;
  /** What pre-flight counted for the prompt. */
  promptTokens: number;
  text: string;
  reasoning: string;
  /** The last report the provider sent, if any. */
  reported?: ProviderUsage;
  /** True when the provider closed the stream properly (its report then covers the whole answer). */
  finished: boolean;
  /**
   * The provider answered with an HTTP error before any answer (401, 404, 429…): it did not run
   * the prompt, so nothing was used. A timeout or a dropped connection is not this: the prompt
   * may have been billed, and the estimate stands.
   */
  rejectedByProvider?: boolean;
}

/**
 * The provider's numbers win when they cover the call. Where they do not (no report, a report
 * without output, or a stream cut off before the final report), the missing part is estimated
 * with the tokenizer and the row says 'estimated'. A call that produced text is never recorded
 * with zero output tokens.
 */
export function finalUsage(evidence: UsageEvidence): FinalUsage {
  const reported = evidence.reported;
  if (evidence.rejectedByProvider && !reported && !evidence.text && !evidence.reasoning) {
    return { usage: { inputTokens: 0, outputTokens: 0 }, source: 'estimated', calls: { requests: 0 } };
  }
  const estimatedOutput = (): number => {
    const text = countTextTokens(evidence.model, evidence.text).tokens;
    const reasoning = evidence.reasoning ? countTextTokens(evidence.model, evidence.reasoning).tokens : 0;
    return text + reasoning;
  };
  const producedText = evidence.text.length + evidence.reasoning.length > 0;

  let source: UsageSource = 'provider';
  let inputTokens = reported?.inputTokens;
  if (inputTokens === undefined) {
    inputTokens = evidence.promptTokens;
    source = 'estimated';
  }
  let outputTokens = reported?.outputTokens;
  if (outputTokens === undefined || (producedText && outputTokens === 0) || !evidence.finished) {
    // A cut-off stream's last report predates the text that followed it: take the larger count.
    const estimate = producedText ? estimatedOutput() : 0;
    if (outputTokens === undefined || estimate > outputTokens) {
      outputTokens = estimate;
      source = 'estimated';
    }
  }
  const usage: TokenUsage = { inputTokens, outputTokens };
  if (reported?.cachedInputTokens !== undefined) usage.cachedInputTokens = reported.cachedInputTokens;
  if (reported?.cacheWriteTokens !== undefined) usage.cacheWriteTokens = reported.cacheWriteTokens;
  if (reported?.cacheWrite5mTokens !== undefined) usage.cacheWrite5mTokens = reported.cacheWrite5mTokens;
  if (reported?.cacheWrite1hTokens !== undefined) usage.cacheWrite1hTokens = reported.cacheWrite1hTokens;
  if (reported?.reasoningTokens !== undefined) usage.reasoningTokens = reported.reasoningTokens;
  else if (source === 'estimated' && evidence.reasoning) usage.reasoningTokens = countTextTokens(evidence.model, evidence.reasoning).tokens;
  const calls: CallCounts = {
    requests: 1,
    ...(reported?.webSearches !== undefined ? { webSearches: reported.webSearches } : {}),
    ...(reported?.searchContextSize !== undefined ? { searchContextSize: reported.searchContextSize } : {}),
  };
  return { usage, source, calls };
}
