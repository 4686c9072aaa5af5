// API keys and login sessions, as OctoPrint keeps them: every passive login creates a new
// in-memory session (64 hex characters) for the key's user, and a server restart forgets them all.
import { randomBytes } from 'node:crypto';

export interface LoginFailure {
  /** HTTP status to answer with (403, 429, 500…). */
  status: number;
  /** How many logins fail before normal service resumes; Infinity for all. */
  remaining: number;
}

export class AuthRegistry {
  private readonly sessions = new Map<string, string>();
  /** Passive logins seen (successful or not). */
  loginCount = 0;
  /** Forced failure for the next logins (rate limit, outage). */
  failure: LoginFailure | null = null;
  /** The next this-many socket auths are treated as stale even when valid. */
  rejectAuths = 0;
  /** Every session ever issued (tests check that none reaches a log). */
  readonly issuedSessions: string[] = [];

  constructor(readonly apiKeys: Map<string, string>) {}

  /** The user an API key belongs to, if any. */
  userForKey(key: string | undefined): string | undefined {
    return key === undefined ? undefined : this.apiKeys.get(key);
  }

  /** Creates a session for the key's user. */
  createSession(user: string): string {
    const session = randomBytes(32).toString('hex');
    this.sessions.set(session, user);
    this.issuedSessions.push(session);
    return session;
  }

  /** Whether `name:session` (the socket's `auth` message) belongs to a live session. */
  isValid(name: string, session: string): boolean {
    if (this.rejectAuths > 0) {
      this.rejectAuths -= 1;
      return false;
    }
    return this.sessions.get(session) === name;
  }

  invalidateAll(): void {
    this.sessions.clear();
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Consumes one forced failure, returning its status, or undefined when logins work. */
  takeFailure(): number | undefined {
    const f = this.failure;
    if (!f || f.remaining <= 0) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.failure = null;
    return f.status;
  }
}
