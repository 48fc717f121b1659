#!/usr/bin/env node
// Runs the CLI's bundle (scripts/build-cli.mjs; `npm install` builds it). When it is missing, or
// a source it was built from changed since, it is rebuilt first (a fraction of a second), so
// `npx tallychat` always runs the current sources.
import { readFileSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A one-shot command churns through short-lived strings (a million-row export: a million lines),
// and V8 grows the young generation for them, to 16 MB a semispace, without giving it back: 15 MB
// of an export's peak memory. Growth factor 1 keeps it at its start-up size. V8 reads this flag
// each time it would grow, so it can be set here, unlike the maximum size (read at start-up). It
// cost no time in bench/million-requests.ts. Browser mode runs for hours and keeps V8's default.
if (process.argv[2] !== 'ui') setFlagsFromString('--semi-space-growth-factor=1');

const bundle = new URL('../out/cli/tallychat/main.mjs', import.meta.url);
const root = new URL('../', import.meta.url);

function isCurrent() {
  try {
    const inputs = JSON.parse(readFileSync(new URL('../out/cli/tallychat/inputs.json', import.meta.url), 'utf8'));
    return inputs.every(({ file, size, mtimeMs }) => {
      const stat = statSync(new URL(file, root));
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}

if (!isCurrent()) await (await import('../scripts/build-cli.mjs')).buildCli();
const { runCli } = await import(bundle.href);
process.exitCode = await runCli(process.argv.slice(2));
