import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type HandlerTable } from '../../src/main/core/api/dispatcher';
import { AppError } from '../../src/shared/contract';

const info = {
  version: '1.2.3',
  host: 'web' as const,
  dataDir: '/data',
  databaseFile: '/data/tallychat.sqlite',
  schemaVersion: 2,
  platform: 'linux',
};

describe('dispatcher', () => {
  it('answers a valid call with {ok: true, value}', async () => {
    const dispatch = createDispatcher({ appInfo: () => info });
    await expect(dispatch('appInfo', {})).resolves.toEqual({ ok: true, value: info });
  });

  it('answers malformed payloads with a typed error and keeps serving', async () => {
    const handler = vi.fn(() => info);
    const dispatch = createDispatcher({ appInfo: handler });
    for (const payload of [undefined, null, 42, 'x', [], { extra: true }]) {
      const result = await dispatch('appInfo', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', retryable: false } });
    }
    expect(handler).not.toHaveBeenCalled();
    await expect(dispatch('appInfo', {})).resolves.toEqual({ ok: true, value: info });
  });

  it('names the offending field', async () => {
    const dispatch = createDispatcher({ appInfo: () => info });
    const result = await dispatch('appInfo', { extra: 1 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'Invalid request for appInfo: payload: Unrecognized key: "extra"', retryable: false },
    });
  });

  it('refuses unknown and prototype method names', async () => {
    const dispatch = createDispatcher({ appInfo: () => info });
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      await expect(dispatch(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('passes a handler\'s AppError through and turns a crash into an internal error', async () => {
    const thrown: Partial<HandlerTable> = {
      appInfo: () => {
        throw new AppError('budget_exceeded', 'Overall cap reached', false);
      },
    };
    await expect(createDispatcher(thrown)('appInfo', {})).resolves.toEqual({
      ok: false,
      error: { code: 'budget_exceeded', message: 'Overall cap reached', retryable: false },
    });
    const onInternalError = vi.fn();
    const crashing = createDispatcher(
      {
        appInfo: () => {
          throw new TypeError('boom');
        },
      },
      { onInternalError },
    );
    await expect(crashing('appInfo', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'appInfo failed unexpectedly: boom', retryable: false },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
  });
});
