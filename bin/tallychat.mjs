#!/usr/bin/env node
// Runs the CLI's bundle (scripts/build-cli.mjs; `npm install` builds it). When it is missing, or
// a source it was built from changed since, it is rebuilt first (a fraction of a second), so
// `npx tallychat` always runs the current sources.
import { readFileSync, statSync } from 'node:fs';

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
