import { markLastBlock, markedContent } from './cache-control-marks';
import type { ChatMessage, WireAttachment } from './provider-types';
import { textAttachmentBlock } from './text-attachment';

type FileBlock =
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } }
  | { type: 'document'; source: { type: 'base64'; media_type: 'application/pdf'; data: string } }
  | { type: 'text'; text: string };

/**
 * A message's `content` for Anthropic Messages. Without files it stays what it always was (a
 * string, or one marked text block). With files it is a list of blocks: the files first, then
 * the message's text, as Anthropic's vision and PDF guides advise (Claude does best with images
 * and documents placed before the text that asks about them). An empty text is left out, since
 * Anthropic refuses an empty text block. The cache mark goes on the last block.
 */
export function anthropicContent(message: ChatMessage) {
  const files = message.attachments ?? [];
  if (files.length === 0) return markedContent(message);
  const blocks: FileBlock[] = files.map(fileBlock);
  if (message.content !== '') blocks.push({ type: 'text', text: message.content });
  return markLastBlock(blocks, message.cacheBreakpoint);
}

function fileBlock(file: WireAttachment): FileBlock {
  switch (file.kind) {
    case 'image':
      return { type: 'image', source: { type: 'base64', media_type: file.mime, data: file.base64 } };
    case 'pdf':
      return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: file.base64 } };
    case 'text':
      return { type: 'text', text: textAttachmentBlock(file) };
  }
}
