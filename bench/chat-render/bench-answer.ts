/**
 * A long, realistic answer: prose, lists, a table and code blocks in several languages, about
 * `targetChars` characters (the benchmark's 4,000 tokens at ~8 characters a token).
 */
const PROSE =
  'Tallychat meters every request into the ledger, prices it with integer nano-dollars and checks the caps before sending. ';

const CODE_BLOCKS = [
  '```ts\nexport function costOf(tokens: number, pricePerMTok: bigint): bigint {\n  // Half-to-even rounding keeps sums exact.\n  const product = BigInt(tokens) * pricePerMTok;\n  return product / 1_000_000n;\n}\n\nconst rows = ledger.filter((row) => row.status === "completed");\nconsole.log(rows.length, "requests");\n```',
  '```python\ndef monthly_total(rows):\n    """Sum the month in nano-dollars."""\n    total = 0\n    for row in rows:\n        if row["status"] != "refused":\n            total += row["cost"]\n    return total\n\nprint(monthly_total([]))\n```',
  '```json\n{\n  "model": "gpt-4o-mini",\n  "usage": { "prompt_tokens": 1234, "completion_tokens": 567 },\n  "cost_usd_nanos": 1234567\n}\n```',
  '```bash\nnpx tallychat doctor --data-dir /tmp/tally\nnpx tallychat chat --model gpt-4o-mini "hello"\n```',
];

const TABLE = '| Model | Input $/MTok | Output $/MTok |\n| --- | ---: | ---: |\n| gpt-4o | 2.50 | 10.00 |\n| gpt-4o-mini | 0.15 | 0.60 |\n| claude-3-5-haiku | 0.80 | 4.00 |';

export function benchAnswer(targetChars: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let section = 0; size < targetChars; section++) {
    const pieces = [
      `## Section ${section + 1}`,
      PROSE.repeat(3).trim(),
      `- first point of section ${section + 1}\n- second point, with \`inline code\`\n- third point, **bold** and *italic*`,
      CODE_BLOCKS[section % CODE_BLOCKS.length]!,
      section % 3 === 0 ? TABLE : PROSE.repeat(2).trim(),
    ];
    for (const piece of pieces) {
      parts.push(piece);
      size += piece.length + 2;
    }
  }
  return parts.join('\n\n');
}
