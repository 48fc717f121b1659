/**
 * Text from a vendor, a model or a user (titles, model names, error messages) may carry control
 * characters: written raw to a terminal, ESC sequences can rewrite the screen or the window title,
 * and bidi overrides can make a line read differently from what it holds. Written for a person,
 * they are shown as visible escapes (`\x1b`, `\u202e`) instead.
 */
const IN_A_CELL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, but tab and line feed keep their meaning (multi-line messages on stderr). */
const IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControlCharacters(text: string, options: { keepLines?: boolean } = {}): string {
  return text.replace(options.keepLines ? IN_LINES : IN_A_CELL, visible);
}

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
