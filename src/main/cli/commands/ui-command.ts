import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openKeyringSecretStore } from '../../core/secrets/keyring-secret-store';
import { warmUpEncoder } from '../../core/tokens/encodings';
import { SIGN_IN_LINK_TTL_MS } from '../../web/sign-in-sessions';
import { startWebServer } from '../../web/web-server';
import { CliUsageError, EXIT, type CliCommand, type CliIo } from '../cli-io';
import { openInBrowser } from '../open-browser';
import { resolveDataDir } from '../data-dir-option';
import { openCliCore } from '../open-cli-core';
import { PROJECT_ROOT, RENDERER_DIR } from '../project-paths';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const uiCommand: CliCommand = {
  name: 'ui',
  summary: 'Serve the Tallychat app in your browser, on this machine only',
  usage: 'tallychat ui [--port N] [--host 127.0.0.1] [--allow-remote] [--no-open] [--data-dir DIR]',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError('--port takes a port number (0 picks a free one)');
    if (!LOOPBACK.has(values.host) && !values['allow-remote']) {
      throw new CliUsageError(
        `--host ${values.host} would let other machines reach a server that spends your API credits; add --allow-remote if you mean it`,
      );
    }
    ensureRendererBuilt(io);

    // Keys typed into Settings go to the OS keychain (or, with consent, the weaker scheme);
    // providers without a stored key read their vendor's usual environment variable.
    const secrets = await openKeyringSecretStore({ dataDir: resolveDataDir(values['data-dir'], io.env) });
    const core = openCliCore(values['data-dir'], io, { secrets, host: 'web' });
    const server = await startWebServer({ core, rendererDir: RENDERER_DIR, host: values.host, port });
    if (!LOOPBACK.has(values.host)) {
      io.stderr(
        `Warning: listening on ${values.host}, reachable from other machines. Anyone with the URL's token can spend your API credits, ` +
          'and the connection is not encrypted.\n',
      );
    }
    io.stdout(`Tallychat is running at ${server.url}\n`);
    io.stdout(`Data folder: ${core.store.file}\nAPI keys: ${secrets.description}\n`);
    io.stdout(`The link works once, within ${SIGN_IN_LINK_TTL_MS / 60_000} minutes.${process.stdin.isTTY ? ' Press Enter for a new one.' : ''} Press Ctrl-C to stop.\n`);
    const stopNewLinks = offerNewLinks(() => io.stdout(`New sign-in link: ${server.signInUrl()}\n`));
    if (!values['no-open'] && !(await openInBrowser(server.url))) {
      io.stderr('Could not open a browser: open the URL above yourself.\n');
    }
    // Build the tokenizer while the page loads, not during the user's first estimate.
    setImmediate(() => warmUpEncoder());

    await waitForShutdownSignal();
    stopNewLinks();
    io.stdout('Stopping: finishing the ledger rows of running answers…\n');
    await server.close();
    await core.close();
    io.stdout('Stopped.\n');
    return EXIT.ok;
  },
};

/** On a terminal, each Enter prints a fresh one-time link (a second browser, or the first link expired). */
function offerNewLinks(print: () => void): () => void {
  if (!process.stdin.isTTY) return () => undefined;
  const onLine = () => print();
  process.stdin.on('data', onLine);
  return () => {
    process.stdin.off('data', onLine);
    process.stdin.pause();
  };
}

function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** A fresh checkout has no build yet: make the same renderer bundle the desktop app uses. */
function ensureRendererBuilt(io: CliIo): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  io.stderr('Building the Tallychat app (first run only)…\n');
  const cli = join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0 || !existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('Could not build the app: run `npm run build` and look at its errors.');
  }
}
