// The journal's records and how they fold into the outbox's state. Every record *sets*
// something (never adds to it), so applying a record twice, or applying records whose effect
// a compacted snapshot already holds, gives the same state. The daemon and `octohook outbox`
// both read the journal through `applyRecord`.
import type { StoredRequest } from '../http/prepare-request.js';

export type DeliveryState = 'pending' | 'dead';

/** One delivery as stored: a full `put` record. */
export interface StoredDelivery {
  /** The webhook-id. */
  id: string;
  hook: string;
  trigger: string;
  /** The printer whose event it was, in a file with `printer` blocks; absent otherwise. */
  printer?: string;
  /** Order of acceptance across the outbox; per hook, deliveries go out in `seq` order. */
  seq: number;
  /** Epoch ms the delivery was recorded. */
  createdAt: number;
  /** Epoch ms its current life began, when that is not `createdAt`: the last `octohook outbox retry`. */
  since?: number;
  req: StoredRequest;
  attempts: number;
  /** Epoch ms of the next attempt (pending only). */
  nextAt: number;
  state: DeliveryState;
  /** The last failed attempt's reason (pending), or why it was dead-lettered (dead). */
  reason?: string;
  /** Epoch ms it was dead-lettered. */
  deadAt?: number;
}

export type JournalRecord =
  /** A new delivery, or (after compaction) a live one in full. */
  | ({ t: 'put' } & StoredDelivery)
  /** An attempt failed and another is scheduled. */
  | { t: 'retry'; id: string; attempts: number; nextAt: number; reason: string }
  /** The request was rendered again (a fresh OAuth token after a 401). */
  | { t: 'replace'; id: string; req: StoredRequest }
  /** Delivered: the delivery leaves the outbox. */
  | { t: 'done'; id: string }
  /** Gave up: kept for `octohook outbox list|retry|drop`. */
  | { t: 'dead'; id: string; attempts: number; reason: string; at: number }
  /** `octohook outbox retry`: a dead letter goes back to the end of its hook's queue. */
  | { t: 'requeue'; id: string; seq: number; at: number }
  /** `octohook outbox drop`, or the dead-letter bound: gone for good. */
  | { t: 'drop'; id: string };

export type DeliveryMap = Map<string, StoredDelivery>;

/** Applies one record; unknown ids and unknown record types are ignored (a newer writer's). */
export function applyRecord(map: DeliveryMap, rec: JournalRecord): void {
  if (!rec || typeof rec !== 'object' || typeof rec.id !== 'string') return;
  switch (rec.t) {
    case 'put': {
      const { t: _t, ...delivery } = rec;
      map.set(rec.id, delivery);
      return;
    }
    case 'done':
    case 'drop':
      map.delete(rec.id);
      return;
  }
  const d = map.get(rec.id);
  if (!d) return;
  switch (rec.t) {
    case 'retry':
      d.attempts = rec.attempts;
      d.nextAt = rec.nextAt;
      d.reason = rec.reason;
      return;
    case 'replace':
      d.req = rec.req;
      return;
    case 'dead':
      d.state = 'dead';
      d.attempts = rec.attempts;
      d.reason = rec.reason;
      d.deadAt = rec.at;
      return;
    case 'requeue':
      d.state = 'pending';
      d.attempts = 0;
      d.seq = rec.seq;
      d.nextAt = rec.at;
      d.since = rec.at;
      delete d.reason;
      delete d.deadAt;
      return;
  }
}

/** Folds a journal's records into deliveries, in `seq` order. */
export function replay(records: unknown[]): StoredDelivery[] {
  const map: DeliveryMap = new Map();
  for (const r of records) applyRecord(map, r as JournalRecord);
  return [...map.values()].sort((a, b) => a.seq - b.seq);
}
