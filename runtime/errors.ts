// The runtime's one error class. Every failure a user can see carries a stable code
// (`OHK_ERR_…`, documented next to the module that raises it) and a message that says what
// happened and what to check — never a stack trace. The original failure, if any, is kept
// as `cause` for debugging; loggers print `code` and `message`, not `cause.stack`.

export type OctohookErrorCode = `OHK_ERR_${string}`;

// A brand instead of bare `instanceof`, so two copies of this module (say, dist/ and a
// test build side by side) still recognise each other's errors — undici does the same.
const BRAND = Symbol.for('octohook.error');

export class OctohookError extends Error {
  readonly code: OctohookErrorCode;
  /** Small, secret-free facts for logs and for callers that branch on them (status, host…). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: OctohookErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
    Object.defineProperty(this, BRAND, { value: true });
  }

  override get name(): string {
    return 'OctohookError';
  }

  /** What a log line or an API answer shows: the code and the message, nothing else. */
  toJSON(): { code: OctohookErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isOctohookError(value: unknown, code?: OctohookErrorCode): value is OctohookError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (value as OctohookError).code === code;
}

/** "10 s", "1.5 s", "250 ms": how durations read inside error messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A failure as one line for a log: `CODE: message` for coded errors, the message otherwise. */
export function reasonOf(err: unknown): string {
  if (isOctohookError(err)) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
