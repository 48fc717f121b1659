import type { PromptMessage } from '../../src/main/core/tokens/count-prompt-tokens';
import { seededRandom } from '../helpers/seeded-random';


const WORDS = (
  'the of and to in is that for it as was with be by on not this are or from at which but have an they ' +
  'you were her there been one all would their we has more if will when who what no out up into can said ' +
  'token budget ledger price model stream cache provider request response anthropic gemini 2025 3.14 42 ' +
  'naïve café über résumé 東京 こんにちは Привет 🙂 const let => {} [] (); === !== // # ** _ - | \n \n\n'
).split(' ');

/** Chat-like text of about `chars` characters: prose, numbers, code punctuation, a little non-Latin script. */
export function fakeText(random: () => number, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = WORDS[Math.floor(random() * WORDS.length)] ?? '';
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

/** A conversation of alternating user and assistant messages, each about `charsPerMessage` long. */
export function fakeConversation(random: () => number, messages: number, charsPerMessage: number): PromptMessage[] {
  return Array.from({ length: messages }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: fakeText(random, Math.max(1, Math.round(charsPerMessage * (0.5 + random())))),
  }));
}

/** Fresh string objects with the same characters, as if the messages were read back from SQLite. */
export function copyMessages(messages: readonly PromptMessage[]): PromptMessage[] {
  return JSON.parse(JSON.stringify(messages)) as PromptMessage[];
}
