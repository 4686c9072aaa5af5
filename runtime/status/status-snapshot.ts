// The status page's data, the same for the page, /api/status and /metrics: printers, hooks
// with their counts, what is pending and what is dead (with reasons and bodies). Everything
// user-visible passes the logger's redaction (the same secret set), and targets are shown as
// origins only: a webhook URL's path can itself be a credential.
import type { CompiledHook } from '../compiled-module.js';
import type { PushClientState } from '../octoprint/push-client.js';
import { redactText, type SecretSet } from '../log/redact.js';
import type { StoredDelivery } from '../outbox/records.js';
import type { DeliveryStats, LastDelivery } from './delivery-stats.js';

/** The longest body excerpt the page shows. */
const BODY_CHARS = 4096;
/**
 * How many letters the snapshot lists (with their bodies): the oldest pending ones, the
 * newest dead ones. A burst can queue hundreds; decoding every body for every live update
 * would cost the daemon memory and the phone its patience. The counts are always whole.
 */
export const LISTED_PENDING = 20;
export const LISTED_DEAD = 50;

export interface StatusSource {
  hooks: readonly CompiledHook[];
  stats: DeliveryStats;
  /** Every delivery the outbox holds, in acceptance order. */
  deliveries(): StoredDelivery[];
  /** The outbox journal's size on disk (0 for an in-memory outbox). */
  outboxBytes(): number;
  isPaused(hook: string): boolean;
  disabledReason(hook: string): string | undefined;
  /** `lastEvent`: the printer's own (a farm has several); absent: the daemon's last event. */
  printers(): Array<{ name: string; url: string; connection: PushClientState; state: string; lastEvent?: { trigger: string; at: number } | null }>;
  secrets: SecretSet;
  startedAt: number;
  now(): number;
}

export interface LetterView {
  id: string;
  hook: string;
  trigger: string;
  attempts: number;
  createdAt: string;
  reason: string | null;
  method: string;
  target: string;
  body: string;
  /** Dead letters: when it was given up; pending: when the next attempt is due. */
  at: string | null;
}

export interface StatusSnapshot {
  startedAt: string;
  now: string;
  printers: Array<{ name: string; url: string; connection: PushClientState; state: string; lastEvent: { trigger: string; at: string } | null }>;
  hooks: Array<{
    name: string;
    enabled: boolean;
    paused: boolean;
    disabled: string | null;
    delivered: number;
    failed: number;
    skipped: number;
    /** Firings quiet hours or a `when` condition kept from the hook. */
    suppressed: number;
    pending: number;
    dead: number;
    last: (Omit<LastDelivery, 'at'> & { at: string }) | null;
  }>;
  /** The oldest LISTED_PENDING pending deliveries. */
  pending: LetterView[];
  /** The newest LISTED_DEAD dead letters, oldest first. */
  dead: LetterView[];
  /** Letters not listed above (`octohook outbox list` shows them all). */
  unlisted: { pending: number; dead: number };
  outbox: { bytes: number };
  events: Record<string, number>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function statusSnapshot(src: StatusSource): StatusSnapshot {
  const all = src.deliveries();
  const letter = (d: StoredDelivery): LetterView => ({
    id: d.id,
    hook: d.hook,
    trigger: d.trigger,
    attempts: d.attempts,
    createdAt: iso(d.createdAt),
    reason: d.reason === undefined ? null : redactText(d.reason, src.secrets),
    method: d.req.method,
    target: origin(d.req.url),
    body: bodyText(d, src.secrets),
    at: d.state === 'dead' ? (d.deadAt === undefined ? null : iso(d.deadAt)) : iso(d.nextAt),
  });
  const perHook = new Map<string, { pending: number; dead: number }>();
  const pending: StoredDelivery[] = [];
  const dead: StoredDelivery[] = [];
  for (const d of all) {
    let c = perHook.get(d.hook);
    if (!c) perHook.set(d.hook, (c = { pending: 0, dead: 0 }));
    c[d.state]++;
    (d.state === 'pending' ? pending : dead).push(d);
  }
  const lastEvent = src.stats.lastEvent;
  return {
    startedAt: iso(src.startedAt),
    now: iso(src.now()),
    printers: src.printers().map((p) => {
      const last = p.lastEvent === undefined ? lastEvent : p.lastEvent;
      return { ...p, url: origin(p.url), state: redactText(p.state, src.secrets), lastEvent: last ? { trigger: last.trigger, at: iso(last.at) } : null };
    }),
    hooks: src.hooks.map((h) => {
      const counts = src.stats.hooks.get(h.name);
      const last = counts?.last ?? null;
      return {
        name: h.name,
        enabled: h.enabled,
        paused: src.isPaused(h.name),
        disabled: src.disabledReason(h.name) ?? null,
        delivered: counts?.ended.delivered ?? 0,
        failed: counts?.ended.dead ?? 0,
        skipped: counts?.ended.skipped ?? 0,
        suppressed: counts?.suppressed ?? 0,
        pending: perHook.get(h.name)?.pending ?? 0,
        dead: perHook.get(h.name)?.dead ?? 0,
        last: last ? { ...last, reason: last.reason === null ? null : redactText(last.reason, src.secrets), at: iso(last.at) } : null,
      };
    }),
    pending: pending.slice(0, LISTED_PENDING).map(letter),
    dead: dead.slice(-LISTED_DEAD).map(letter),
    unlisted: { pending: Math.max(0, pending.length - LISTED_PENDING), dead: Math.max(0, dead.length - LISTED_DEAD) },
    outbox: { bytes: src.outboxBytes() },
    events: Object.fromEntries(src.stats.events),
  };
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** The stored body as text, redacted like a log line; files and binary data by size only. */
function bodyText(d: StoredDelivery, secrets: SecretSet): string {
  if (d.req.body === null) return '';
  const bytes = Buffer.from(d.req.body, 'base64');
  const type = d.req.contentType ?? '';
  if (!/json|x-www-form-urlencoded|^text\//.test(type)) return `[${type || 'body'}, ${bytes.length} bytes]`;
  // Redacted whole before it is cut, so a secret across the cut is still caught.
  const text = redactText(bytes.toString('utf8'), secrets);
  return text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}… (${bytes.length} bytes)` : text;
}
