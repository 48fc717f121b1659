/** How main's process tells the test about an Electron API it touched that the stand-in lacks. */
export const GAP_MARK = '[electron-stand-in] not modelled: ';

/**
 * Wraps a stand-in object so that touching a member it does not model throws and tells the test
 * (even when the app catches the error): the stand-in cannot silently drift from what the app uses.
 * `then` stays undefined so an object can be awaited or returned from an async function.
 */
export function strictApi<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || key === 'then' || key in object) return Reflect.get(object, key, receiver);
      const member = `${name}.${key}`;
      // stderr, not the IPC channel: a pipe write is synchronous, so it survives an exit right after.
      process.stderr.write(`${GAP_MARK}${member}\n`);
      throw new Error(`The Electron stand-in does not model ${member}: add it (with its source) or stop using it.`);
    },
  });
}
