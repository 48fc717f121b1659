#!/usr/bin/env node
// Static security scan of the Electron host with @doyensec/electronegativity. Every finding must be
// fixed, or listed with its justification in .electronegativity/accepted.json; anything else fails.
// Run: node scripts/security-scan.mjs  → test-results/electronegativity.sarif (the tool's own report)
// and test-results/electronegativity.csv (each finding with its review).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const SARIF = 'test-results/electronegativity.sarif';
const CSV = 'test-results/electronegativity.csv';
const ACCEPTED = '.electronegativity/accepted.json';
// The installed Electron's version, so the checks judge its defaults, not a guessed old one.
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

mkdirSync('test-results', { recursive: true });
rmSync(SARIF, { force: true });
// SARIF, not the tool's CSV: its CSV writer garbles the first row (and its -r option others).
const run = spawnSync('npx', ['electronegativity', '-i', 'src/main', '-e', electronVersion, '-o', SARIF], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
if (run.status !== 0 || !existsSync(SARIF)) {
  console.error(run.stdout, run.stderr);
  console.error(`security scan: electronegativity did not finish (exit ${run.status}); no ${SARIF}.`);
  process.exit(1);
}

/** A finding is known by its check, its file and the flagged line's code: line numbers move, the code does not. */
function findingsOf(sarif) {
  return sarif.runs.flatMap((r) =>
    r.results.map((result) => {
      const location = result.locations[0].physicalLocation;
      const file = relative(process.cwd(), location.artifactLocation.uri).replaceAll('\\', '/');
      const line = location.region?.startLine ?? 0;
      const code = existsSync(file) ? (readFileSync(file, 'utf8').split('\n')[line - 1] ?? '').trim() : '';
      return { issue: result.ruleId, level: result.level, file, line, code, message: result.message.text };
    }),
  );
}

const findings = findingsOf(JSON.parse(readFileSync(SARIF, 'utf8')));
const accepted = JSON.parse(readFileSync(ACCEPTED, 'utf8')).accepted;
const keyOf = (f) => `${f.issue}|${f.file}|${f.code}`;
const review = new Map(accepted.map((a) => [keyOf(a), a.justification]));
const open = findings.filter((f) => !review.has(keyOf(f)));

const cell = (text) => `"${String(text).replaceAll('"', '""')}"`;
writeFileSync(
  CSV,
  [
    'issue,level,file,line,code,message,status,justification',
    ...findings.map((f) =>
      [f.issue, f.level, f.file, f.line, f.code, f.message, review.has(keyOf(f)) ? 'accepted' : 'OPEN', review.get(keyOf(f)) ?? ''].map(cell).join(','),
    ),
  ].join('\n') + '\n',
);

console.log(`security scan: ${findings.length} electronegativity finding(s) on src/main (Electron ${electronVersion}), ${findings.length - open.length} reviewed and accepted; details in ${CSV}.`);
const found = new Set(findings.map(keyOf));
for (const stale of accepted.filter((a) => !found.has(keyOf(a)))) console.log(`  no longer found, remove from ${ACCEPTED}: ${stale.issue} ${stale.file}: ${stale.code}`);
if (open.length) {
  console.error(`security scan: ${open.length} finding(s) to fix, or to justify in ${ACCEPTED}:`);
  for (const f of open) console.error(`  ${f.issue} ${f.file}:${f.line}  ${f.code}\n    ${f.message}`);
  process.exit(1);
}
