import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/ipc-result';
import type { FinishedRequest, TallychatEvent } from '../../../shared/contract/events';
import { costOfCalls, nanodollars } from '../../../shared/money';
import type { AttachmentStaging } from '../attachments/attachment-staging';
import type { AttachmentStore, WrittenAttachments } from '../attachments/attachment-store';
import { runPreflight, type PreflightResult } from '../budgets/budget-preflight';
import type { SpendAlerts } from '../alerts/spend-alerts';
import type { BudgetService } from '../budgets/budget-service';
import type { CapStatus } from '../budgets/cap-status';
import type { ConversationStore } from '../conversations/conversation-store';
import type { RequestLedger } from '../ledger/request-ledger';
import type { PriceOverrideStore } from '../price-overrides/price-override-store';
import type { PriceCatalog } from '../pricing/price-catalog';
import { resolvePrice } from '../price-overrides/resolve-price';
import { checkReasoningChoice } from '../provider-config/reasoning-support';
import type { callProvider } from '../providers/call-provider';
import type { CallOptions, ChatMessage } from '../providers/provider-types';
import { countPromptTokens } from '../tokens/count-prompt-tokens';
import type { TokenCountCache } from '../tokens/token-count-cache';
import {
  DEFAULT_EXPECTED_OUTPUT_TOKENS,
  type PreflightEstimate,
  type ResolvedProvider,
  type SendInput,
  type SendStarted,
} from './chat-types';
import type { MessageAttachments } from './message-attachments';
import { markStablePrefix } from './prompt-cache-marks';
import { estimatePrompt } from './prompt-estimate';
import { requestMetaOf } from './request-meta';
import { runStream, type CancelReason } from './stream-runner';
import { planWebSearch } from './web-search-plan';

export interface ChatServiceDeps {
  sqlite: Database.Database;
  ledger: RequestLedger;
  budgets: BudgetService;
  /** Told of each final request: whether a cap or the day's spend now deserves a notification. */
  alerts: Pick<SpendAlerts, 'afterRequest'>;
  conversations: ConversationStore;
  overrides: PriceOverrideStore;
  catalog: PriceCatalog;
  resolveProvider: (providerId: string) => Promise<ResolvedProvider>;
  /** The same provider without its key, for estimates (no keychain read). */
  describeProvider: (providerId: string) => ResolvedProvider;
  callProvider: typeof callProvider;
  callOptions?: Partial<CallOptions>;
  tokenCache: TokenCountCache;
  clock: () => number;
  newId: () => string;
  emit: (event: TallychatEvent) => void;
  coalesceMs?: number;
  checkpointIntervalMs?: number;
  /** The General setting: mark long conversations' stable prefix for the provider's cache. Default on. */
  promptCaching?: () => boolean;
  /** The General setting: the system prompt of conversations without their own ('' sends none). */
  defaultSystemPrompt: () => string;
  /** The user's staged files and the conversations' stored ones, as each model takes them. */
  attachments: MessageAttachments;
  attachmentStore: AttachmentStore;
  staging: AttachmentStaging;
}

/** A request refused at pre-flight: nothing was sent; the message names the cap and the numbers. */
export class BudgetRefusal extends AppError {
  constructor(
    message: string,
    readonly requestId: string,
  ) {
    super('budget_exceeded', message, false);
  }
}

/**
 * The life of one request (DESIGN.md): pre-flight (count, price, check caps, write the user's
 * message and the pending row in one transaction), stream with coalesced deltas and checkpoints,
 * finalize exactly once with the assistant's message. Every call goes through here: there is no
 * way to call a model without a ledger row.
 */
export class ChatService {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<FinishedRequest> }>();
  /** Provider/model pairs the user has been told have no known price, so they are told once. */
  private readonly announcedUnknownPrices = new Set<string>();

  constructor(private readonly deps: ChatServiceDeps) {}

  /** Pre-flight without writing anything: what the composer shows before Send. */
  async estimate(input: SendInput): Promise<{ estimate: PreflightEstimate; caps: CapStatus[] }> {
    const prepared = await this.prepare(input, false);
    const caps = this.deps.budgets.capsFor(prepared.provider.id, input.model, prepared.startedAt);
    return { estimate: prepared.estimate, caps };
  }

  /** `forSend`: the call is about to be made, so the key is read and an unknown price announced. */
  private async prepare(input: SendInput, forSend: boolean) {
    const { deps } = this;
    const provider = forSend ? await deps.resolveProvider(input.providerId) : deps.describeProvider(input.providerId);
    const existing = input.conversationId === undefined ? undefined : deps.conversations.settingsOf(input.conversationId);
    if (input.conversationId !== undefined && !existing) throw new AppError('not_found', `No conversation ${input.conversationId}.`);
    const isNew = input.conversationId === undefined;
    const conversationId = input.conversationId ?? deps.newId();
    let stored = isNew ? [] : deps.conversations.messages(conversationId);
    if (input.replaceFromMessageId !== undefined) {
      const from = stored.findIndex((m) => m.id === input.replaceFromMessageId);
      if (from < 0) throw new AppError('not_found', `No message ${input.replaceFromMessageId} in this conversation.`);
      stored = stored.slice(0, from);
    }
    const systemPrompt = input.systemPrompt ?? existing?.systemPrompt ?? deps.defaultSystemPrompt();
    const webSearchOn = input.webSearch ?? existing?.webSearch ?? false;
    const { plan: webSearch, blocked: searchBlocked } = planWebSearch(
      webSearchOn,
      { kind: provider.kind, name: provider.name, baseUrl: provider.endpoint.baseUrl },
      input.model,
    );
    const api = webSearch?.api ?? input.api;
    const files = await deps.attachments.prepare(
      { kind: provider.kind, name: provider.name, model: input.model },
      input.attachmentIds ?? [],
      isNew
        ? null
        : {
            conversationId,
            messageIds: new Set(stored.map((m) => m.id)),
            ...(input.replaceFromMessageId !== undefined ? { replacedMessageId: input.replaceFromMessageId } : {}),
          },
      forSend,
    );
    const withFiles = (id: string) => {
      const sent = files.wire.get(id);
      return sent?.length ? { attachments: sent } : {};
    };
    const messages: ChatMessage[] = [
      // In the system slot of every vendor (the adapters move it); counted and priced like the rest.
      ...(systemPrompt.length > 0 ? [{ role: 'system' as const, content: systemPrompt }] : []),
      // A turn with only files (no text) is still sent: the files are its content.
      ...stored
        .filter((m) => m.content.length > 0 || files.wire.get(m.id)?.length)
        .map((m) => ({ role: m.role, content: m.content, ...withFiles(m.id) })),
      { role: 'user', content: input.text, ...withFiles('') },
    ];
    const startedAt = deps.clock();
    const settings = provider.modelSettings[input.model] ?? {};
    const maxOutputTokens = input.maxOutputTokens ?? settings.maxOutputTokens;
    const temperature = input.temperature ?? settings.temperature;
    if (input.reasoning) checkReasoningChoice(provider.kind, input.model, input.reasoning);
    // The worst case includes the thinking the user asked for: a budget is spent on top of the answer.
    const expectedOutputTokens = (maxOutputTokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS) + (input.reasoning?.thinkingBudget ?? 0);
    const price = resolvePrice(deps.overrides, deps.catalog, {
      providerId: provider.id,
      kind: provider.kind,
      model: input.model,
      baseUrl: provider.endpoint.baseUrl,
      at: startedAt,
    });
    const priceKey = `${provider.id}\u0000${input.model}`;
    if (!price && forSend && !this.announcedUnknownPrices.has(priceKey)) {
      this.announcedUnknownPrices.add(priceKey);
      deps.emit({
        type: 'price.unknown',
        providerId: provider.id,
        model: input.model,
        message: `No price is known for ${input.model} on ${provider.name}: it is metered in tokens with cost "price unknown". Add its price in Settings → Prices.`,
      });
    }
    const sent = this.withCacheMarks(provider.kind, input.model, messages);
    const room = { expectedOutputTokens, thinkingBudgetTokens: input.reasoning?.thinkingBudget ?? 0 };
    const maxWebSearches = webSearch?.maxSearches ?? 0;
    const prompt = estimatePrompt(input.model, sent, room, price, deps.tokenCache, { attachmentTokens: files.tokens, maxWebSearches });
    const searchPrice = price?.prices.calls?.webSearch;
    const estimate: PreflightEstimate = {
      ...prompt,
      attachments: files.added.map((file) => file.estimate),
      webSearch: webSearch ? { maxSearches: maxWebSearches, fee: searchPrice === undefined ? null : costOfCalls(maxWebSearches, searchPrice) } : null,
      blocked: files.refusal ?? searchBlocked,
    };
    return {
      provider,
      isNew,
      conversationId,
      messages: sent,
      startedAt,
      maxOutputTokens,
      temperature,
      price,
      estimate,
      api,
      webSearch,
      webSearchOn,
      files,
    };
  }

  async send(input: SendInput): Promise<SendStarted> {
    const { deps } = this;
    const prepared = await this.prepare(input, true);
    const { provider, isNew, conversationId, messages, startedAt, maxOutputTokens, temperature, price, estimate } = prepared;
    // Nothing is written, sent or charged for a request its model cannot take.
    if (estimate.blocked !== null) throw new AppError('invalid_request', estimate.blocked);

    const requestId = input.requestId ?? deps.newId();
    if (deps.ledger.get(requestId)) throw new AppError('conflict', `Request ${requestId} was already sent.`);
    const userMessageId = deps.newId();
    // The files are on disk before the transaction that points at them: a crash in between leaves
    // files without rows, which the start-up sweep removes, never rows without files.
    const newFiles = prepared.files.added.flatMap((file) => (file.stored ? [file.stored] : []));
    const written = newFiles.length ? deps.attachmentStore.writeFiles(conversationId, newFiles) : null;
    const preflight = this.admit(written, () => runPreflight(deps.sqlite, deps.budgets, deps.ledger, {
      request: {
        id: requestId,
        conversationId,
        userMessageId,
        providerId: provider.id,
        providerKind: provider.kind,
        model: input.model,
        streamed: input.stream ?? true,
        estimatedInputTokens: estimate.inputTokens,
        reservation: nanodollars(0),
        startedAt,
        ownerPid: process.pid,
      },
      estimate: estimate.cost,
      allowOverCap: input.allowOverCap ?? false,
      createsConversation: isNew,
      alsoInTransaction: () => {
        if (isNew) {
          deps.conversations.create(
            {
              id: conversationId,
              title: titleFrom(input.text),
              providerId: provider.id,
              model: input.model,
              ...(input.systemPrompt !== undefined ? { systemPrompt: input.systemPrompt } : {}),
              webSearch: prepared.webSearchOn,
            },
            startedAt,
          );
        } else {
          if (input.replaceFromMessageId !== undefined) {
            deps.conversations.deleteMessagesFrom(conversationId, input.replaceFromMessageId);
          }
          deps.conversations.setModel(conversationId, provider.id, input.model, startedAt);
          if (input.systemPrompt !== undefined) deps.conversations.setSystemPrompt(conversationId, input.systemPrompt, startedAt);
          if (input.webSearch !== undefined) deps.conversations.setWebSearch(conversationId, input.webSearch, startedAt);
        }
        deps.conversations.addUserMessage({ id: userMessageId, conversationId, content: input.text }, startedAt);
        if (written) deps.attachmentStore.insertRows(userMessageId, written, startedAt);
      },
    }));
    if (!preflight.allowed) throw new BudgetRefusal(preflight.message, requestId);
    // The message now owns its files: the staged copies go, and an edit's replaced turns take theirs along.
    for (const { stagedId, estimate: sent } of prepared.files.added) {
      if (stagedId !== undefined) deps.staging.discard(stagedId);
      deps.attachments.forget(sent.id);
    }
    if (input.replaceFromMessageId !== undefined) deps.attachmentStore.syncFolder(conversationId);

    const strictRooms = preflight.caps.filter((cap) => cap.budget.strict).map((cap) => cap.remaining);
    const controller = new AbortController();
    const done = runStream(
      {
        ledger: deps.ledger,
        callProvider: deps.callProvider,
        callOptions: deps.callOptions ?? {},
        clock: deps.clock,
        emit: deps.emit,
        coalesceMs: deps.coalesceMs ?? 16,
        checkpointIntervalMs: deps.checkpointIntervalMs ?? 2000,
      },
      {
        requestId,
        conversationId,
        assistantMessageId: deps.newId(),
        provider,
        call: {
          model: input.model,
          messages,
          stream: input.stream ?? true,
          ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
          ...(temperature !== undefined ? { temperature } : {}),
          ...(input.reasoning ? { reasoning: input.reasoning } : {}),
          ...(prepared.api ? { api: prepared.api } : {}),
          ...(prepared.webSearch ? { webSearch: { maxSearches: prepared.webSearch.maxSearches } } : {}),
        },
        promptTokens: estimate.inputTokens,
        startedAt,
        price,
        ...(strictRooms.length ? { strictRoom: nanodollars(Math.max(0, Math.min(...strictRooms))) } : {}),
        controller,
      },
    ).then((finished) => {
      this.active.delete(requestId);
      deps.emit({ type: 'chat.finished', request: finished, meta: requestMetaOf(finished, provider.name) });
      try {
        deps.alerts.afterRequest({ providerId: provider.id, model: input.model, at: startedAt });
      } catch (error) {
        // The request itself is final and metered; a failed alert check must not hide that.
        deps.emit({ type: 'app.notice', level: 'error', message: `Could not check the budget alerts: ${String(error)}` });
      }
      return finished;
    });
    this.active.set(requestId, { controller, done });
    return { requestId, conversationId, userMessageId, estimate, caps: preflight.caps, warnings: preflight.warnings, done };
  }

  /** Runs the pre-flight; when it refuses or fails, the files written for the message go again. */
  private admit(written: WrittenAttachments | null, run: () => PreflightResult): PreflightResult {
    let result: PreflightResult;
    try {
      result = run();
    } catch (error) {
      if (written) this.deps.attachmentStore.discardWritten(written);
      throw error;
    }
    if (!result.allowed && written) this.deps.attachmentStore.discardWritten(written);
    return result;
  }

  private withCacheMarks(kind: ResolvedProvider['kind'], model: string, messages: ChatMessage[]): ChatMessage[] {
    if (!(this.deps.promptCaching?.() ?? true)) return messages;
    return markStablePrefix(kind, model, messages, (prefix) => countPromptTokens(model, prefix, this.deps.tokenCache).tokens);
  }

  /** A staged file removed from the composer: it and any downscaled copy of it go. */
  discardStaged(id: string): boolean {
    this.deps.attachments.forget(id);
    return this.deps.staging.discard(id);
  }

  /** Stops a running request; its partial answer is kept and metered. False if it is not running. */
  cancel(requestId: string, reason: CancelReason = 'user'): boolean {
    const entry = this.active.get(requestId);
    if (!entry) return false;
    entry.controller.abort(reason);
    return true;
  }

  /** Stops every running request and waits until each ledger row is final (shutdown). */
  async cancelAll(reason: CancelReason): Promise<void> {
    const running = [...this.active.values()];
    for (const entry of running) entry.controller.abort(reason);
    await Promise.all(running.map((entry) => entry.done));
  }

  isRunning(requestId: string): boolean {
    return this.active.has(requestId);
  }
}

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New chat';
}
