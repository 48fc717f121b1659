import type { CostlyConversationView, CostlyConversationsView } from '../../../shared/contract/insights-contract';
import type { ChatService } from '../chat/chat-service';
import type { ProviderStore } from '../provider-config/provider-store';
import type { ReportDb } from '../reports/report-db';

export interface CostlyConversationsDeps {
  db: ReportDb;
  chat: Pick<ChatService, 'estimate'>;
  providers: ProviderStore;
  providerName: (providerId: string) => string;
}

/** Pre-flight is run for this many times the rows asked for, the longest by their last request. */
const CANDIDATES_PER_ROW = 3;

interface Candidate {
  id: string;
  title: string;
  providerId: string;
  model: string;
}

/**
 * The conversations whose next message costs the most because of all they send again: the
 * longest ones by their last request's tokens (stored in the ledger), each then priced by the
 * composer's own pre-flight estimate of one more short message now, on its provider and model.
 * When to start fresh is the user's call; this shows what staying costs.
 */
export async function costlyConversations(deps: CostlyConversationsDeps, limit: number): Promise<CostlyConversationsView> {
  const configured = new Set(deps.providers.list().map((p) => p.id));
  const candidates = deps.db
    .prepare<Candidate>(
      `SELECT c.id, c.title, c.provider_id AS providerId, c.model FROM conversations c
       JOIN requests r ON r.id = (SELECT id FROM requests WHERE conversation_id = c.id AND input_tokens IS NOT NULL
                                  ORDER BY started_at DESC LIMIT 1)
       WHERE c.provider_id IS NOT NULL AND c.model IS NOT NULL
       ORDER BY r.input_tokens + COALESCE(r.output_tokens, 0) DESC, c.id LIMIT @candidates`,
    )
    .all({ candidates: limit * CANDIDATES_PER_ROW })
    // A conversation on a provider since removed cannot be continued as it is: nothing to estimate.
    .filter((c) => configured.has(c.providerId));
  const rows: CostlyConversationView[] = [];
  for (const candidate of candidates) {
    const { estimate } = await deps.chat.estimate({ providerId: candidate.providerId, model: candidate.model, conversationId: candidate.id, text: '' });
    if (estimate.cost === null) continue;
    rows.push({
      conversationId: candidate.id,
      title: candidate.title,
      providerName: deps.providerName(candidate.providerId),
      model: candidate.model,
      promptTokens: estimate.inputTokens,
      nextMessageNanos: estimate.cost,
    });
  }
  rows.sort((a, b) => b.nextMessageNanos - a.nextMessageNanos || a.conversationId.localeCompare(b.conversationId));
  return { rows: rows.slice(0, limit) };
}
