import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closeBeforeQuit } from '../../src/main/electron/quit-after-close';

/** `will-quit` as Electron emits it: a preventable event. `exit` ends the app without emitting it. */
function fakeApp() {
  const app = new EventEmitter() as EventEmitter & { exit: (code?: number) => void; exits: (number | undefined)[]; emitWillQuit: () => boolean };
  app.exits = [];
  app.emitWillQuit = () => {
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    return prevented;
  };
  app.exit = (code) => {
    app.exits.push(code);
  };
  return app;
}

describe('closing the core before Electron quits', () => {
  it('holds the quit until the core has closed, then exits once', async () => {
    const app = fakeApp();
    let finish: () => void = () => {};
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    closeBeforeQuit(app, close, () => {});
    expect(app.emitWillQuit()).toBe(true);
    expect(app.emitWillQuit()).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.exits).toEqual([]);
    finish();
    await vi.waitFor(() => expect(app.exits).toEqual([0]));
    expect(app.emitWillQuit()).toBe(false);
  });

  it('quits after the bound when closing hangs, and says so', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    const report = vi.fn();
    closeBeforeQuit(app, () => new Promise<void>(() => {}), report, 3000);
    expect(app.emitWillQuit()).toBe(true);
    await vi.advanceTimersByTimeAsync(2999);
    expect(app.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.exits).toEqual([0]);
    expect(report).toHaveBeenCalledWith('closing took over 3000 ms; quitting anyway (open answers will be marked interrupted at next start)');
    vi.useRealTimers();
  });

  it('does not hold a quit when there is no core (a second instance that never started)', () => {
    const app = fakeApp();
    closeBeforeQuit(app, () => undefined, () => {});
    expect(app.emitWillQuit()).toBe(false);
  });
});
