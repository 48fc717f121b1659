import { randomBytes } from 'node:crypto';
import { tokensEqual } from './web-auth';

/** Long enough to open the printed link, short enough that a link in scrollback or history is dead. */
export const SIGN_IN_LINK_TTL_MS = 5 * 60 * 1000;

/** A fresh 256-bit secret: link tokens and session secrets are never derived from each other. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The link printed to the terminal carries a one-time token; opening it trades the token for a
 * separate session secret (the cookie). A token works once and only for a short time, so a URL
 * left in a terminal's scrollback, a shell history or a browser's history signs nobody in later.
 */
export class SignInSessions {
  private readonly links = new Map<string, number>();
  private readonly sessions = new Set<string>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** A token for a new sign-in link, valid once within SIGN_IN_LINK_TTL_MS. */
  issueLinkToken(token: string = newSecret()): string {
    this.links.set(token, this.clock() + SIGN_IN_LINK_TTL_MS);
    return token;
  }

  /** The session secret for a valid, unused, unexpired link token; the token is spent either way. */
  redeem(token: string | null): string | undefined {
    if (token === null) return undefined;
    const now = this.clock();
    for (const [known, expiresAt] of this.links) {
      if (expiresAt <= now) this.links.delete(known);
      else if (tokensEqual(token, known)) {
        this.links.delete(known);
        const secret = newSecret();
        this.sessions.add(secret);
        return secret;
      }
    }
    return undefined;
  }

  isSession(secret: string | undefined): boolean {
    if (secret === undefined) return false;
    for (const known of this.sessions) if (tokensEqual(secret, known)) return true;
    return false;
  }
}
