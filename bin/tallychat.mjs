#!/usr/bin/env node
// The CLI runs the TypeScript core directly through tsx, so `npx tallychat` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
