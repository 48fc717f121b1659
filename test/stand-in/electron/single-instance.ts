import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

export interface SecondInstance {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
}

/**
 * `app.requestSingleInstanceLock()`, as Chromium's process singleton does it on Linux: a lock in the
 * user data folder and a socket beside it (chrome/browser/process_singleton_posix.cc: SingletonLock,
 * SingletonSocket). Electron's docs (docs/api/app.md): the call returns false when another instance
 * holds the lock, after sending it this instance's argv, working directory and additionalData, which
 * the first instance receives as `second-instance` (never before its `ready`).
 */
export class SingleInstanceLock {
  /** A second instance's message still on its way; the process must not end before it is sent. */
  pending: Promise<void> | undefined;

  constructor(
    private readonly userData: string,
    private readonly onSecondInstance: (details: SecondInstance) => void,
  ) {}

  request(additionalData: unknown): boolean {
    mkdirSync(this.userData, { recursive: true });
    const lock = join(this.userData, 'SingletonLock');
    const socket = join(this.userData, 'SingletonSocket');
    if (holderAlive(lock)) {
      this.pending = sendToHolder(socket, { argv: process.argv, workingDirectory: process.cwd(), additionalData });
      return false;
    }
    writeFileSync(lock, String(process.pid));
    rmSync(socket, { force: true });
    const server = createServer((connection) => {
      let text = '';
      connection.setEncoding('utf8');
      connection.on('data', (chunk: string) => (text += chunk));
      connection.on('end', () => this.onSecondInstance(JSON.parse(text) as SecondInstance));
    });
    server.listen(socket);
    server.unref();
    return true;
  }
}

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return false;
  }
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sendToHolder(socket: string, details: SecondInstance): Promise<void> {
  return new Promise((resolve) => {
    const connection = connect(socket, () => connection.end(JSON.stringify(details)));
    connection.on('close', () => resolve());
    connection.on('error', () => resolve());
  });
}
