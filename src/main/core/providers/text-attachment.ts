import type { WireAttachment } from './provider-types';

/**
 * A text file as every vendor receives it: its own text block, named, so the model can tell the
 * file from the message and from another file (Anthropic's prompting guide puts documents in XML
 * tags; the other vendors read them as well). Pre-flight counts exactly this text.
 */
export function textAttachmentBlock(file: Extract<WireAttachment, { kind: 'text' }>): string {
  return `<file name="${file.name.replace(/["<>\n\r]/g, '_')}">\n${file.text}\n</file>`;
}
