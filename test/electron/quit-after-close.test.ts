import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closeBeforeQuit } from '../../src/main/electron/quit-after-close';

/** `will-quit` as Electron emits it: a preventable event; quit() emits it again (shell/browser/browser.cc). */
function fakeApp() {
  const app = new EventEmitter() as EventEmitter & { quit: () => void; quits: number; emitWillQuit: () => boolean };
  app.quits = 0;
  app.emitWillQuit = () => {
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    return prevented;
  };
  app.quit = () => {
    app.quits += 1;
    app.emitWillQuit();
  };
  return app;
}

describe('closing the core before Electron quits', () => {
  it('holds the quit until the core has closed, then quits once and lets that quit through', async () => {
    const app = fakeApp();
    let finish: () => void = () => {};
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    closeBeforeQuit(app, close, () => {});
    expect(app.emitWillQuit()).toBe(true);
    expect(app.emitWillQuit()).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.quits).toBe(0);
    finish();
    await vi.waitFor(() => expect(app.quits).toBe(1));
    expect(app.emitWillQuit()).toBe(false);
  });

  it('quits after the bound when closing hangs, and says so', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    const report = vi.fn();
    closeBeforeQuit(app, () => new Promise<void>(() => {}), report, 3000);
    expect(app.emitWillQuit()).toBe(true);
    await vi.advanceTimersByTimeAsync(2999);
    expect(app.quits).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quits).toBe(1);
    expect(report).toHaveBeenCalledWith('closing took over 3000 ms; quitting anyway (open answers will be marked interrupted at next start)');
    vi.useRealTimers();
  });

  it('does not hold a quit when there is no core (a second instance that never started)', () => {
    const app = fakeApp();
    closeBeforeQuit(app, () => undefined, () => {});
    expect(app.emitWillQuit()).toBe(false);
  });
});
