import { describe, expect, it } from 'vitest';
import { errorContext, httpStatusError, streamedVendorError } from '../../src/main/core/providers/error-factory';
import { ProviderError } from '../../src/main/core/providers/provider-error';
import { readVendorError } from '../../src/main/core/providers/vendor-error-body';

describe('vendor error bodies', () => {
  it('reads each vendor\'s shape', () => {
    expect(readVendorError('{"error":{"message":"m1","type":"invalid_request_error","code":"x"}}')).toEqual({
      message: 'm1',
      type: 'invalid_request_error',
      keyRejected: false,
    });
    expect(readVendorError('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toEqual({
      message: 'Overloaded',
      type: 'overloaded_error',
      keyRejected: false,
    });
    expect(readVendorError('[{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}]')).toEqual({
      message: 'quota',
      type: 'RESOURCE_EXHAUSTED',
      keyRejected: false,
    });
    expect(readVendorError('{"error":"model \\"x\\" not found"}').message).toBe('model "x" not found');
    expect(readVendorError('{"object":"error","message":"vllm says no","type":"BadRequestError"}').message).toBe('vllm says no');
    expect(readVendorError('{"detail":"Not Found"}').message).toBe('Not Found');
  });

  it('makes a readable line of a body that is not JSON', () => {
    expect(readVendorError('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>').message).toBe('502 Bad Gateway');
    expect(readVendorError('upstream\n  connect error').message).toBe('upstream connect error');
    expect(readVendorError('').message).toBeUndefined();
    expect(readVendorError('x'.repeat(600)).message).toBe(`${'x'.repeat(500)}…`);
  });
});

describe('ProviderError', () => {
  const ctx = errorContext({ kind: 'openai', displayName: 'OpenAI', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-abcdef' });

  it('serializes for IPC with code, message, retryable and status only', () => {
    const error = httpStatusError(ctx, 429, '{"error":{"message":"slow down"}}', 2_000, 'model');
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'rate_limit',
      message: 'OpenAI rate limit or quota (429): slow down; retry after 2 s',
      retryable: true,
      status: 429,
    });
  });

  it('names a 404 of a listing as the endpoint, not a model', () => {
    expect(httpStatusError(ctx, 404, '{"error":{"message":"nope"}}', undefined, 'endpoint').message).toBe(
      'OpenAI says endpoint not found (404): nope',
    );
  });

  it('maps mid-stream error types to codes', () => {
    expect(streamedVendorError(ctx, { type: 'rate_limit_error', message: 'm' }).code).toBe('rate_limit');
    expect(streamedVendorError(ctx, { type: 'authentication_error', message: 'm' }).code).toBe('auth');
    expect(streamedVendorError(ctx, { type: 'something_new', message: 'm' }).code).toBe('server');
    expect(streamedVendorError(ctx, { message: 'plain' }).message).toBe('OpenAI server error: plain');
  });
});
