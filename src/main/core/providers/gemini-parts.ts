import type { ChatMessage, WireAttachment } from './provider-types';
import { textAttachmentBlock } from './text-attachment';

export type GeminiPart = { text: string } | { inlineData: { mimeType: string; data: string } };

/**
 * A message's `parts` for generateContent, in the REST API's camelCase like the rest of our
 * body. Without files: its text, as always. With files: the files first, then the text, as
 * Gemini's image-understanding guide advises ("place the text prompt after the image part");
 * images and PDFs go inline as base64, text files as text parts. An empty text is left out.
 */
export function geminiParts(message: ChatMessage): GeminiPart[] {
  const files = message.attachments ?? [];
  if (files.length === 0) return [{ text: message.content }];
  const parts = files.map(filePart);
  if (message.content !== '') parts.push({ text: message.content });
  return parts;
}

function filePart(file: WireAttachment): GeminiPart {
  return file.kind === 'text' ? { text: textAttachmentBlock(file) } : { inlineData: { mimeType: file.mime, data: file.base64 } };
}
