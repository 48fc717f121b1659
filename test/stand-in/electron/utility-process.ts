import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { strictApi } from './strict-api';
import { toTest } from './test-channel';

/** Gives the forked script `process.parentPort` in place of Node's `process.send`. */
const PARENT_PORT = resolve(import.meta.dirname, '../parent-port.mjs');
/** Every utility process this main forked: they are the app's children and end with it. */
const living = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

interface ForkOptions {
  env?: NodeJS.ProcessEnv;
  execArgv?: string[];
  cwd?: string;
  stdio?: 'inherit' | 'pipe' | 'ignore';
  serviceName?: string;
}

/**
 * A UtilityProcess (docs/api/utility-process.md) stood in by a Node child process with the same
 * message semantics: `postMessage` carries a structured clone (`serialization: 'advanced'`), the
 * child receives it as `process.parentPort`'s `message` event with the value in `data`, and what it
 * posts back arrives as this object's `message` event. `pid` is undefined before `spawn` and after
 * `exit`; `exit` carries the exit code; `kill()` ends the process with SIGTERM on POSIX.
 */
class StandInUtilityProcess extends EventEmitter {
  pid: number | undefined;
  private readonly child: ChildProcess;

  constructor(modulePath: string, args: string[], options: ForkOptions) {
    super();
    const stdio = options.stdio ?? 'inherit';
    this.child = fork(modulePath, args, {
      // stdin cannot be configured: it is always ignored (docs/api/utility-process.md `stdio`).
      stdio: ['ignore', stdio, stdio, 'ipc'],
      serialization: 'advanced',
      env: options.env ?? process.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      // The built core bundle runs as is; tsx only so the stand-in's own TypeScript can load.
      execArgv: ['--import', 'tsx', '--import', PARENT_PORT, ...(options.execArgv ?? [])],
    });
    living.add(this.child);
    this.child.once('spawn', () => {
      this.pid = this.child.pid;
      if (this.pid !== undefined) toTest({ type: 'utility-spawned', pid: this.pid, serviceName: options.serviceName ?? 'Node Utility Process' });
      this.emit('spawn');
    });
    this.child.on('message', (message: unknown) => this.emit('message', message));
    this.child.once('exit', (code, signal) => {
      living.delete(this.child);
      this.pid = undefined;
      // The docs give `exit` only a code; a process ended by a signal is modelled as a non-zero one.
      this.emit('exit', code ?? (signal ? 1 : 0));
    });
  }

  postMessage(message: unknown): void {
    // Before `spawn` Electron queues the message; Node's channel does too.
    if (this.child.connected) this.child.send(message as object);
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

export function createUtilityProcess(isReady: () => boolean) {
  return strictApi('utilityProcess', {
    fork(modulePath: string, args: string[] = [], options: ForkOptions = {}): StandInUtilityProcess {
      // docs/api/utility-process.md: "can only be called after the `ready` event has been emitted on `App`".
      if (!isReady()) throw new Error('utilityProcess.fork() can only be called after the ready event of app');
      return strictApi('UtilityProcess', new StandInUtilityProcess(modulePath, args, options));
    },
  });
}
