import { describe, expect, it } from 'vitest';
import { checkBaseUrl, isLoopbackHost } from '../../src/main/core/provider-config/base-url-check';

describe('provider base URL validation', () => {
  it('accepts https and loopback http, normalized without a trailing slash, with no warning', () => {
    expect(checkBaseUrl(' https://api.openai.com/v1/ ')).toEqual({ ok: true, url: 'https://api.openai.com/v1', warning: null });
    expect(checkBaseUrl('HTTPS://API.Example.com:8443/Openai/v1')).toEqual({ ok: true, url: 'https://api.example.com:8443/Openai/v1', warning: null });
    for (const url of ['http://127.0.0.1:11434', 'http://localhost:8080/v1', 'http://[::1]:1234/v1', 'http://my.localhost/v1', 'http://127.8.9.10/x']) {
      expect(checkBaseUrl(url)).toMatchObject({ ok: true, warning: null });
    }
  });

  it('warns that the key would travel unencrypted for plain http to another machine', () => {
    expect(checkBaseUrl('http://gpu-box.lan:8000/v1')).toEqual({
      ok: true,
      url: 'http://gpu-box.lan:8000/v1',
      warning:
        'This address uses plain http: your API key and messages would travel unencrypted to gpu-box.lan. Use https unless you trust every network in between.',
    });
    for (const url of ['http://192.168.1.20:8000', 'http://10.0.0.5/v1', 'http://api.example.com/v1', 'http://[fe80::1]/v1', 'http://0.0.0.0:8000']) {
      expect(checkBaseUrl(url)).toMatchObject({ ok: true, warning: expect.stringContaining('would travel unencrypted') });
    }
  });

  it('refuses other schemes', () => {
    for (const [url, scheme] of [
      ['file:///etc/passwd', 'file'],
      ['ftp://example.com/v1', 'ftp'],
      ['javascript:alert(1)', 'javascript'],
      ['ws://127.0.0.1:1/v1', 'ws'],
      ['data:text/plain,hi', 'data'],
    ]) {
      expect(checkBaseUrl(url!)).toEqual({ ok: false, error: `Use an http:// or https:// address; ${scheme}: is not allowed for a provider.` });
    }
  });

  it('refuses text that is not a URL, and an empty field', () => {
    expect(checkBaseUrl('api.openai.com/v1')).toEqual({
      ok: false,
      error: '"api.openai.com/v1" is not a URL. Write it in full, like https://api.example.com/v1.',
    });
    expect(checkBaseUrl('   ')).toEqual({ ok: false, error: 'Enter the base URL, like https://api.example.com/v1.' });
  });

  it('refuses credentials, queries and fragments: the URL is stored in plain text', () => {
    expect(checkBaseUrl('https://user:sk-secret@api.example.com/v1')).toEqual({
      ok: false,
      error: 'Remove the user name and password from the URL; put the API key in the API key field.',
    });
    for (const url of ['https://api.example.com/v1?key=sk-secret', 'https://api.example.com/v1#frag']) {
      expect(checkBaseUrl(url)).toEqual({ ok: false, error: 'Remove the ?query or #fragment from the URL; put the API key in the API key field.' });
    }
  });

  it('counts only this machine as loopback', () => {
    expect(['localhost', 'LOCALHOST', 'a.localhost', '127.0.0.1', '127.255.0.1', '[::1]', '::1', '[::ffff:7f00:1]'].map(isLoopbackHost)).toEqual(
      Array(8).fill(true),
    );
    expect(['localhost.example.com', '128.0.0.1', '0.0.0.0', '192.168.0.1', '[::2]', 'example.com', '127.0.0.1.nip.io'].map(isLoopbackHost)).toEqual(
      Array(7).fill(false),
    );
  });
});
