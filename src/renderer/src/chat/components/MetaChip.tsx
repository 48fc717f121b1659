import type { CallFeeView, RequestMeta } from '../../../../shared/contract/chat-contract';
import { formatCount, formatDuration } from '../format/format-meta';
import type { LiveAnswer } from '../state/live-answers';
import { money } from '../../money/display-money';

const tokens = (value: number | null) => (value === null ? '—' : formatCount(value));

const FEE_TITLES: Record<CallFeeView['kind'], string> = {
  request: "The provider's fee per request (Perplexity's covers its web search), part of the total",
  webSearch: 'Web searches the provider ran, at its price per search, part of the total',
};

function feeLabel(fee: CallFeeView): string {
  if (fee.kind === 'request') return 'request fee';
  return fee.calls === 1 ? '1 web search' : `${formatCount(fee.calls)} web searches`;
}

/** What the ledger recorded for one answer: tokens, cost, where the usage came from, timing. */
export function MetaChip({ meta }: { meta: RequestMeta }) {
  return (
    <div className="meta-chip" role="group" aria-label="Request details">
      <span className="meta-model" title="Provider and model">
        {meta.providerName} · {meta.model}
      </span>
      <span title="Input tokens (the whole prompt, cached ones included)">{tokens(meta.inputTokens)} in</span>
      <span title="Output tokens (reasoning included)">{tokens(meta.outputTokens)} out</span>
      {meta.cachedInputTokens !== null && <span title="Cached input tokens">{formatCount(meta.cachedInputTokens)} cached</span>}
      {meta.cacheWriteTokens !== null && meta.cacheWriteTokens > 0 && (
        <span title="Input tokens written to the cache">{formatCount(meta.cacheWriteTokens)} cache write</span>
      )}
      {meta.reasoningTokens !== null && <span title="Reasoning tokens">{formatCount(meta.reasoningTokens)} reasoning</span>}
      <span className="meta-cost" title="Cost">
        {meta.costNanos === null ? 'price unknown' : money(meta.costNanos)}
      </span>
      {meta.fees.map((fee) => (
        <span key={fee.kind} className="meta-fee" title={FEE_TITLES[fee.kind]}>
          {feeLabel(fee)} {money(fee.feeNanos)}
        </span>
      ))}
      {meta.providerCostNanos !== null && (
        <span className="meta-provider-cost" title="The provider's own figure for this request">
          provider: {money(meta.providerCostNanos)}
        </span>
      )}
      {meta.cacheSavedNanos !== null && meta.cacheSavedNanos > 0 && (
        <span className="meta-saved" title="What prompt caching saved on this request">
          saved {money(meta.cacheSavedNanos)}
        </span>
      )}
      <span
        className={`meta-source ${meta.usageSource ?? 'unknown'}`}
        title={meta.usageSource === 'provider' ? 'Token counts as the provider reported them' : 'Token counts estimated by Tallychat'}
      >
        {meta.usageSource === 'provider' ? 'reported' : 'estimated'}
      </span>
      {meta.ttftMs !== null && <span title="Time to first token">TTFT {formatDuration(meta.ttftMs)}</span>}
      {meta.durationMs !== null && <span title="Duration">{formatDuration(meta.durationMs)}</span>}
    </div>
  );
}

/** While streaming: main's running estimate, counting up until the final figures replace it. */
export function LiveChip({ live }: { live: LiveAnswer }) {
  const started = live.text.length > 0 || live.reasoning.length > 0;
  return (
    <div className="meta-chip live" role="group" aria-label="Request details">
      <span className="meta-model" title="Provider and model">
        {live.providerName ?? '…'} · {live.model ?? '…'}
      </span>
      <span className="meta-pulse">{started ? 'streaming' : 'waiting for the first token'}</span>
      {started && <span title="Output tokens so far (counted by Tallychat)">≈ {formatCount(live.outputTokensSoFar)} out</span>}
      <span className="meta-cost" title="Running estimate: the prompt plus the output so far">
        {live.runningCostNanos === null
          ? live.estimate?.costNanos === null
            ? 'price unknown'
            : '≈ …'
          : `≈ ${money(live.runningCostNanos)}`}
      </span>
    </div>
  );
}
