// Standard Webhooks identity and signature headers (https://www.standardwebhooks.com, v1).
//
//   webhook-id         `msg_…`, made once when the delivery is recorded and stored with it, so
//                      every attempt of one delivery carries the same id: the receiver's
//                      idempotency key.
//   webhook-timestamp  Unix seconds of *this attempt*.
//   webhook-signature  `v1,` + base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed
//                      with the base64-decoded part of the `whsec_…` secret after its prefix.
//
// Why the timestamp is per attempt (and so each attempt is signed again): receivers reject a
// timestamp outside a tolerance window (the reference libraries use 5 minutes) to stop
// replays. A retry 30 minutes after the first attempt, carrying the first attempt's
// timestamp, would be refused by every conforming receiver. The id, not the timestamp, is
// what stays stable. The body is the stored bytes, never re-rendered.
import { createHmac, randomBytes } from 'node:crypto';
import type { CompiledHook, RenderContext } from '../compiled-module.js';
import { OctohookError } from '../errors.js';
import type { PreparedRequest } from '../http/prepare-request.js';

/**
 * Errors:
 *   OHK_ERR_SIGN_SECRET  the hook's `sign @env.NAME` variable is unset, lacks the `whsec_`
 *                        prefix or is not base64. The message names the variable, never the value.
 */
export const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

const SECRET_PREFIX = 'whsec_';

// Ids come from a pool of random bytes refilled 4 kB at a time: one syscall per 273 ids
// instead of one per id.
let pool = Buffer.alloc(0);
let poolAt = 0;

/** A new delivery id: `msg_` and 20 URL-safe characters (120 random bits). */
export function newWebhookId(): string {
  if (poolAt + 15 > pool.length) {
    pool = randomBytes(4095);
    poolAt = 0;
  }
  const id = `msg_${pool.toString('base64url', poolAt, poolAt + 15)}`;
  poolAt += 15;
  return id;
}

/** The `@env` names a hook's `sign` reads (normally exactly one), found by rendering it against a recording env. */
export function signingEnvNames(hook: CompiledHook): string[] {
  if (!hook.sign) return [];
  const names: string[] = [];
  const note = (key: string | symbol): void => {
    if (typeof key === 'string') names.push(key);
  };
  // Emitted code may read `env.NAME` directly or test it with hasOwnProperty first.
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_t, key) => void note(key),
    has: (_t, key) => (note(key), false),
    getOwnPropertyDescriptor: (_t, key) => void note(key),
  });
  try {
    hook.sign({ env } as RenderContext);
  } catch {
    // a render that throws on an unset value still told us what it read
  }
  return [...new Set(names)];
}

/** The HMAC key of a hook, read from the environment now; throws OHK_ERR_SIGN_SECRET. */
export function signingKey(hook: CompiledHook, env: Record<string, string | undefined>): Buffer | null {
  if (!hook.sign) return null;
  const names = signingEnvNames(hook);
  const name = names.join(', ') || 'the sign variable';
  const unset = names.some((n) => env[n] === undefined || env[n] === '');
  const value = unset ? '' : String(hook.sign({ env } as RenderContext) ?? '');
  return parseSecret(value, name, hook.name);
}

/** Decodes a `whsec_<base64>` secret; `name` is the variable it came from, for the message. */
export function parseSecret(value: string, name: string, hook: string): Buffer {
  const where = `hook ${hook} signs with ${name}`;
  if (value === '') {
    throw new OctohookError('OHK_ERR_SIGN_SECRET', `${where}, but ${name} is not set: export it with the endpoint's whsec_… signing secret`, { details: { env: name } });
  }
  if (!value.startsWith(SECRET_PREFIX)) {
    throw new OctohookError('OHK_ERR_SIGN_SECRET', `${where}, but its value does not start with ${SECRET_PREFIX}: a Standard Webhooks secret looks like whsec_ followed by base64`, { details: { env: name } });
  }
  const b64 = value.slice(SECRET_PREFIX.length);
  if (b64 === '' || b64.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    throw new OctohookError('OHK_ERR_SIGN_SECRET', `${where}, but the part after ${SECRET_PREFIX} is not valid base64`, { details: { env: name } });
  }
  return Buffer.from(b64, 'base64');
}

/** The spec's recommendation (24–64 bytes); outside it the daemon warns at start. */
export function secretLengthOk(key: Buffer): boolean {
  return key.length >= 24 && key.length <= 64;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
export function signature(key: Buffer, id: string, timestampSec: number, body: Uint8Array | null): string {
  const mac = createHmac('sha256', key);
  mac.update(`${id}.${timestampSec}.`);
  if (body) mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

/**
 * The request one attempt sends: the stored request plus the identity headers (and the
 * signature when `key` is given). Same-named headers the hook set itself are replaced, so a
 * receiver never sees two webhook-ids.
 */
export function withIdentity(req: PreparedRequest, id: string, timestampSec: number, key: Buffer | null): PreparedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!(SIGNATURE_HEADERS as readonly string[]).includes(name.toLowerCase())) headers[name] = value;
  }
  headers['webhook-id'] = id;
  headers['webhook-timestamp'] = String(timestampSec);
  if (key) headers['webhook-signature'] = signature(key, id, timestampSec, req.body);
  return { ...req, headers };
}
