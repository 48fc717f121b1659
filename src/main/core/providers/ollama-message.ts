import type { ChatMessage } from './provider-types';
import { textAttachmentBlock } from './text-attachment';

export interface OllamaMessage {
  role: ChatMessage['role'];
  content: string;
  images?: string[];
}

/**
 * A message for Ollama's /api/chat, which takes images as a list of base64 strings beside the
 * text and no other kind of file: text files are appended to the text, each in its own block.
 * A PDF never gets here (the chat layer refuses it for Ollama before anything is sent); if one
 * does, the call fails rather than send the model a message without it.
 */
export function ollamaMessage(message: ChatMessage): OllamaMessage {
  const files = message.attachments ?? [];
  if (files.length === 0) return { role: message.role, content: message.content };
  const texts = [message.content];
  const images: string[] = [];
  for (const file of files) {
    if (file.kind === 'pdf') {
      throw new Error(`Ollama does not take PDF files ("${file.name}"); attach its text, or images of its pages, instead.`);
    }
    if (file.kind === 'image') images.push(file.base64);
    else texts.push(textAttachmentBlock(file));
  }
  const content = texts.filter((text) => text !== '').join('\n\n');
  return { role: message.role, content, ...(images.length > 0 ? { images } : {}) };
}
