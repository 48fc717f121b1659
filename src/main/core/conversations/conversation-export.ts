import type { ConversationExportFormat, ConversationExportView, ConversationView, MessageView, RequestMeta } from '../../../shared/contract/chat-contract';
import type { AttachmentView } from '../../../shared/attachments';
import { formatFileSize, formatPixelSize } from '../../../shared/format-file-size';
import { formatUsdForDisplay } from '../../../shared/format-money';
import { formatUsd, nanodollars } from '../../../shared/money';

export type ConversationExport = ConversationExportView;

/** What an export shows: the thread as the window reads it, with each answer's ledger figures. */
export interface ExportedConversation {
  conversation: ConversationView;
  messages: readonly MessageView[];
}

/** Shown instead of a figure for a model with no known price, as the window says it. */
const PRICE_UNKNOWN = 'price unknown';

export function renderConversationExport(exported: ExportedConversation, format: ConversationExportFormat): ConversationExport {
  return {
    fileName: exportFileName(exported.conversation.title, format),
    text: format === 'md' ? conversationMarkdown(exported) : conversationJson(exported),
  };
}

/** The title, kept to what every file system takes; a title of only symbols falls back to "conversation". */
function exportFileName(title: string, format: ConversationExportFormat): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${stem || 'conversation'}.${format}`;
}

/** Markdown is read: dollars as the window and the CLI show them. JSON is exact (below). */
function usd(nanos: number): string {
  return formatUsdForDisplay(nanodollars(nanos));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

const ROLE_HEADINGS: Record<MessageView['role'], string> = { system: 'System', user: 'You', assistant: 'Assistant' };

function conversationMarkdown({ conversation, messages }: ExportedConversation): string {
  const unpriced = conversation.unpricedRequests > 0 ? ` (${plural(conversation.unpricedRequests, 'request', 'requests')} without a known price)` : '';
  const lines = [`# ${conversation.title}`, '', `${plural(conversation.requests, 'request', 'requests')} · total ${usd(conversation.totalCostNanos)}${unpriced}`, ''];
  if (conversation.systemPrompt) lines.push('## System prompt', '', conversation.systemPrompt, '');
  for (const message of messages) {
    lines.push(`## ${ROLE_HEADINGS[message.role]}`, '', message.content || '*(no text)*', '');
    for (const file of message.attachments) lines.push(`> Attached: ${attachmentLine(file)}`, '');
    if (message.request) lines.push(`> ${answerFigures(message.request)}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** "big.png · 1.2 MB · 1568×1176, downscaled from 3000×2000": the file as it was sent. */
function attachmentLine(file: AttachmentView): string {
  const parts = [file.name, formatFileSize(file.bytes)];
  if (file.size) parts.push(`${formatPixelSize(file.size)}${file.original ? `, downscaled from ${formatPixelSize(file.original.size)}` : ''}`);
  return parts.join(' · ');
}

/** One line under an answer: the model, its tokens and its cost, as the message chip reads. */
function answerFigures(meta: RequestMeta): string {
  const parts = [`${meta.model} on ${meta.providerName}`, tokenFigures(meta), meta.costNanos === null ? PRICE_UNKNOWN : usd(meta.costNanos)];
  for (const fee of meta.fees) {
    parts.push(fee.kind === 'webSearch' ? `incl. ${plural(fee.calls, 'web search', 'web searches')} ${usd(fee.feeNanos)}` : `incl. request fee ${usd(fee.feeNanos)}`);
  }
  if (meta.status !== 'completed') parts.push(meta.status);
  return parts.join(' · ');
}

function tokenFigures(meta: RequestMeta): string {
  if (meta.inputTokens === null && meta.outputTokens === null) return 'no tokens reported';
  const input = `${count(meta.inputTokens ?? 0)} input${meta.cachedInputTokens ? ` (${count(meta.cachedInputTokens)} cached)` : ''}`;
  const output = `${count(meta.outputTokens ?? 0)} output${meta.reasoningTokens ? ` (${count(meta.reasoningTokens)} reasoning)` : ''}`;
  return `${input} + ${output} tokens${meta.usageSource === 'estimated' ? ' (estimated)' : ''}`;
}

/** Money twice: decimal dollars to read, integer nano-dollars to sum without a float. */
function conversationJson({ conversation, messages }: ExportedConversation): string {
  const json = {
    conversation: {
      id: conversation.id,
      title: conversation.title,
      systemPrompt: conversation.systemPrompt,
      requests: conversation.requests,
      unpricedRequests: conversation.unpricedRequests,
      totalCostUsd: formatUsd(nanodollars(conversation.totalCostNanos)),
      totalCostNanos: conversation.totalCostNanos,
    },
    messages: messages.map((message) => ({
      id: message.id,
      role: message.role,
      createdAt: new Date(message.createdAt).toISOString(),
      status: message.status,
      content: message.content,
      ...(message.attachments.length ? { attachments: message.attachments.map(attachmentJson) } : {}),
      ...(message.request ? { answer: answerJson(message.request) } : {}),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function attachmentJson(file: AttachmentView) {
  return {
    name: file.name,
    kind: file.kind,
    mime: file.mime,
    bytes: file.bytes,
    ...(file.size ? { width: file.size.width, height: file.size.height } : {}),
    ...(file.original ? { original: { width: file.original.size.width, height: file.original.size.height, bytes: file.original.bytes } } : {}),
  };
}

function answerJson(meta: RequestMeta) {
  return {
    requestId: meta.requestId,
    status: meta.status,
    provider: meta.providerName,
    model: meta.model,
    inputTokens: meta.inputTokens,
    cachedInputTokens: meta.cachedInputTokens,
    cacheWriteTokens: meta.cacheWriteTokens,
    outputTokens: meta.outputTokens,
    reasoningTokens: meta.reasoningTokens,
    usageSource: meta.usageSource,
    costUsd: meta.costNanos === null ? null : formatUsd(nanodollars(meta.costNanos)),
    costNanos: meta.costNanos,
    fees: meta.fees.map((fee) => ({ kind: fee.kind, calls: fee.calls, feeUsd: formatUsd(nanodollars(fee.feeNanos)), feeNanos: fee.feeNanos })),
  };
}
