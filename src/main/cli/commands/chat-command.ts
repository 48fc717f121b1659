import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { StagedAttachmentView } from '../../../shared/attachments';
import type { FinishedRequest } from '../../../shared/contract/events';
import { formatFileSize } from '../../../shared/format-file-size';
import { formatUsdForDisplay } from '../../../shared/format-money';
import { AppError } from '../../../shared/contract/ipc-result';
import { SYSTEM_PROMPT_MAX_CHARS } from '../../../shared/system-prompt';
import type { Core } from '../../core/app/create-core';
import { BudgetRefusal } from '../../core/chat/chat-service';
import type { PreflightEstimate } from '../../core/chat/chat-types';
import { describeStorageFailure } from '../../core/db/storage-errors';
import { checkBaseUrl } from '../../core/provider-config/base-url-check';
import { PROVIDER_DEFAULTS, isProviderKind } from '../../core/provider-config/provider-defaults';
import { chatJson, failureJson, sourceLines, summaryLine } from '../chat-output';
import { CliUsageError, EXIT, type CliCommand, type CliIo } from '../cli-io';
import { checkThinkingFor, parseThinkingOptions, type ThinkingOptions } from '../reasoning-options';
import { withCore } from '../with-core';

/** Over a hard cap: distinct from other failures so scripts can tell "refused" from "broken". */
export const EXIT_BUDGET_REFUSED = 3;

const USAGE =
  'tallychat chat [--provider ID] --model MODEL [--base-url URL] [--api-key-env VAR] [--no-stream] ' +
  '[--max-tokens N] [--api responses|chat] [--reasoning-effort minimal|low|medium|high] [--thinking-budget N] ' +
  '[--conversation ID] [--system TEXT] [--attach FILE]... [--web-search] [--allow-over-cap] [--json] [--data-dir DIR] MESSAGE';

export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'Send one message, stream the answer to stdout, and print its tokens and cost',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        provider: { type: 'string' },
        model: { type: 'string' },
        'base-url': { type: 'string' },
        'api-key-env': { type: 'string' },
        'no-stream': { type: 'boolean', default: false },
        'max-tokens': { type: 'string' },
        api: { type: 'string' },
        'reasoning-effort': { type: 'string' },
        'thinking-budget': { type: 'string' },
        conversation: { type: 'string' },
        system: { type: 'string' },
        attach: { type: 'string', multiple: true },
        'web-search': { type: 'boolean' },
        'allow-over-cap': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
      },
    });
    const text = positionals.join(' ');
    if (!text.trim()) throw new CliUsageError('give the message to send');
    const model = values.model;
    if (!model) throw new CliUsageError('--model is required (e.g. --model gpt-4o-mini)');
    const maxTokens = values['max-tokens'] === undefined ? undefined : Number(values['max-tokens']);
    if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens <= 0)) {
      throw new CliUsageError('--max-tokens takes a positive whole number');
    }
    const thinking = parseThinkingOptions(values);
    const systemPrompt = values.system?.trim();
    if (systemPrompt !== undefined && systemPrompt.length > SYSTEM_PROMPT_MAX_CHARS) {
      throw new CliUsageError(`--system takes at most ${SYSTEM_PROMPT_MAX_CHARS.toLocaleString('en-US')} characters`);
    }

    return withCore(values['data-dir'], io, async (core) => {
      try {
        const providerId = selectProvider(core, io, values.provider ?? 'openai', values['base-url'], values['api-key-env']);
        checkThinkingFor(core.providerResolver.describe(providerId).kind, model, thinking);
        const attachments = await stageFiles(core, values.attach ?? []);
        return await sendAndReport(core, io, {
          attachments,
          thinking,
          providerId,
          model,
          text,
          stream: !values['no-stream'],
          json: values.json,
          allowOverCap: values['allow-over-cap'],
          ...(maxTokens !== undefined ? { maxOutputTokens: maxTokens } : {}),
          ...(values.conversation ? { conversationId: values.conversation } : {}),
          ...(systemPrompt !== undefined ? { systemPrompt } : {}),
          ...(values['web-search'] !== undefined ? { webSearch: values['web-search'] } : {}),
        });
      } catch (error) {
        if (error instanceof CliUsageError) throw error;
        // A write that meets a full or read-only disk mid-chat names the ledger, as one at open does.
        const described = describeStorageFailure(core.store.file, error);
        const message = described instanceof Error ? described.message : String(described);
        if (values.json) io.stdout(`${JSON.stringify(failureJson(null, 'failed', message))}\n`);
        else io.stderr(`tallychat chat: ${message}\n`);
        return EXIT.failure;
      }
    });
  },
};

/**
 * A configured provider id is used as configured. A provider kind that is not configured runs
 * ad hoc: its vendor's default URL (or --base-url) and the key from --api-key-env or the vendor's
 * usual variable, read from the environment and never stored.
 */
function selectProvider(core: Core, io: CliIo, provider: string, baseUrl?: string, keyEnv?: string): string {
  if (core.providers.get(provider)) {
    if (baseUrl || keyEnv) throw new CliUsageError(`--base-url and --api-key-env apply to ad-hoc providers; "${provider}" is configured`);
    return provider;
  }
  if (!isProviderKind(provider)) {
    throw new CliUsageError(`unknown provider "${provider}": use a configured provider id or one of ${Object.keys(PROVIDER_DEFAULTS).join(', ')}`);
  }
  const defaults = PROVIDER_DEFAULTS[provider];
  if (!baseUrl && !defaults.baseUrl) throw new CliUsageError(`--base-url is required for ${provider}`);
  const checked = checkBaseUrl(baseUrl ?? defaults.baseUrl ?? '');
  if (!checked.ok) throw new CliUsageError(`--base-url: ${checked.error}`);
  const url = checked.url;
  const variable = keyEnv ?? defaults.keyEnvVar;
  const apiKey = variable ? io.env[variable] : undefined;
  if (defaults.needsKey && !apiKey) {
    throw new CliUsageError(`${defaults.displayName} needs an API key: set ${variable ?? 'a variable'} or name one with --api-key-env`);
  }
  if (apiKey && checked.warning) io.stderr(`tallychat chat: warning: ${checked.warning}\n`);
  core.providerResolver.registerAdHoc({
    id: provider,
    kind: provider,
    name: defaults.displayName,
    endpoint: { kind: provider, displayName: defaults.displayName, baseUrl: url, ...(apiKey ? { apiKey } : {}) },
    modelSettings: {},
  });
  return provider;
}

/** Each --attach file, read from disk now and handed to the core, which checks what it is by its bytes. */
async function stageFiles(core: Core, paths: readonly string[]): Promise<StagedAttachmentView[]> {
  const staged: StagedAttachmentView[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new CliUsageError(`--attach ${path}: ${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error)}`);
    }
    try {
      staged.push(core.staging.stage(basename(path), bytes));
    } catch (error) {
      if (error instanceof AppError) throw new CliUsageError(`--attach ${path}: ${error.message}`);
      throw error;
    }
  }
  return staged;
}

interface SendOptions {
  providerId: string;
  model: string;
  text: string;
  stream: boolean;
  json: boolean;
  allowOverCap: boolean;
  maxOutputTokens?: number;
  conversationId?: string;
  /** Kept as the conversation's own system prompt ('' sends none); omitted, its own or the default applies. */
  systemPrompt?: string;
  thinking: ThinkingOptions;
  /** Staged --attach files, in the order given. */
  attachments: StagedAttachmentView[];
  /** --web-search; omitted, the conversation's own setting. */
  webSearch?: boolean;
}

async function sendAndReport(core: Core, io: CliIo, options: SendOptions): Promise<number> {
  let requestId: string | undefined;
  const unsubscribe = core.events.subscribe((event) => {
    if (options.json || event.type !== 'chat.delta' || event.requestId !== requestId) return;
    if (event.reasoning) io.stderr(event.reasoning);
    if (event.text) io.stdout(event.text);
  });
  const onSigint = () => requestId !== undefined && core.chat.cancel(requestId, 'user');
  process.on('SIGINT', onSigint);
  try {
    const started = await core.chat.send({
      providerId: options.providerId,
      model: options.model,
      text: options.text,
      stream: options.stream,
      allowOverCap: options.allowOverCap,
      attachmentIds: options.attachments.map((file) => file.id),
      ...options.thinking,
      ...(options.webSearch !== undefined ? { webSearch: options.webSearch } : {}),
      ...(options.maxOutputTokens !== undefined ? { maxOutputTokens: options.maxOutputTokens } : {}),
      ...(options.conversationId ? { conversationId: options.conversationId } : {}),
      ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
    });
    requestId = started.requestId;
    if (!options.json) io.stderr(preflightLines(started.estimate, options.attachments));
    const finished = await started.done;
    report(io, options.json, finished);
    if (finished.status === 'completed') return EXIT.ok;
    // The user pressed Ctrl-C: the partial answer is kept and metered.
    return finished.status === 'cancelled' && finished.cancelReason === 'user' ? EXIT.interrupted : EXIT.failure;
  } catch (error) {
    if (error instanceof BudgetRefusal) {
      if (options.json) io.stdout(`${JSON.stringify(failureJson(error.requestId, 'refused', error.message))}\n`);
      else io.stderr(`tallychat chat: ${error.message}\n`);
      return EXIT_BUDGET_REFUSED;
    }
    if (error instanceof AppError) throw new Error(error.message);
    throw error;
  } finally {
    unsubscribe();
    process.off('SIGINT', onSigint);
  }
}

/** What the window's composer shows before Send, for files and web search: on stderr, beside the answer. */
function preflightLines(estimate: PreflightEstimate, staged: readonly StagedAttachmentView[]): string {
  const lines = estimate.attachments.map((file) => {
    const view = staged.find((s) => s.id === file.id);
    const pixels = view?.size ? `, ${view.size.width}×${view.size.height}` : '';
    const downscaled = file.downscaledTo ? `, downscaled to ${file.downscaledTo.width}×${file.downscaledTo.height}` : '';
    return `attached: ${view?.name ?? file.id} (${formatFileSize(view?.bytes ?? 0)}${pixels}): ~${file.tokens.toLocaleString('en-US')} tokens (estimate)${downscaled}`;
  });
  if (estimate.webSearch) {
    const fee = estimate.webSearch.fee === null ? 'price unknown' : formatUsdForDisplay(estimate.webSearch.fee);
    const most = estimate.webSearch.maxSearches;
    lines.push(`web search: up to ${most} ${most === 1 ? 'search' : 'searches'}, ${fee}`);
  }
  return lines.map((line) => `${line}
`).join('');
}

function report(io: CliIo, json: boolean, finished: FinishedRequest): void {
  if (json) {
    io.stdout(`${JSON.stringify(chatJson(finished))}\n`);
    return;
  }
  if (finished.text && !finished.text.endsWith('\n')) io.stdout('\n');
  io.stdout(sourceLines(finished.sources));
  if (finished.error) io.stderr(`tallychat chat: ${finished.error}\n`);
  io.stderr(`${summaryLine(finished)}\n`);
}
