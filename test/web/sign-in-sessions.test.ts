import { describe, expect, it } from 'vitest';
import { SIGN_IN_LINK_TTL_MS, SignInSessions } from '../../src/main/web/sign-in-sessions';

describe('one-time sign-in links', () => {
  it('a token is traded once for a session secret that is not the token', () => {
    const sessions = new SignInSessions(() => 0);
    const token = sessions.issueLinkToken();
    const secret = sessions.redeem(token);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(token);
    expect(sessions.isSession(secret)).toBe(true);
    expect(sessions.isSession(token)).toBe(false);
    expect(sessions.redeem(token)).toBeUndefined();
  });

  it('a token expires SIGN_IN_LINK_TTL_MS after it was issued', () => {
    let now = 1_000;
    const sessions = new SignInSessions(() => now);
    const late = sessions.issueLinkToken();
    const inTime = sessions.issueLinkToken();
    now += SIGN_IN_LINK_TTL_MS - 1;
    expect(sessions.redeem(inTime)).toBeDefined();
    now += 1;
    expect(sessions.redeem(late)).toBeUndefined();
  });

  it('refuses a missing, empty or unknown token and an unknown session', () => {
    const sessions = new SignInSessions(() => 0);
    sessions.issueLinkToken();
    expect(sessions.redeem(null)).toBeUndefined();
    expect(sessions.redeem('')).toBeUndefined();
    expect(sessions.redeem('x'.repeat(43))).toBeUndefined();
    expect(sessions.isSession(undefined)).toBe(false);
    expect(sessions.isSession('')).toBe(false);
  });
});
