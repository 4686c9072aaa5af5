// What sending one attempt means, and how a delivery ends: the seam between rendering
// (runtime/dispatch/) and delivery (the engine here, or the one-shot send of `octohookc test`).
import type { PreparedRequest } from '../http/prepare-request.js';
import type { SendResult } from '../http/send-request.js';
import type { Firing } from '../dispatch/firing.js';

/**
 * Sends one attempt of a delivery: the stored request with its identity (and signature)
 * headers already added. The seam tests use to observe or replace the network.
 */
export type Sender = (req: PreparedRequest, options: SendContext) => Promise<SendResult>;

export interface SendContext {
  timeoutMs: number;
  hook: string;
  /** The webhook-id. */
  id: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The firing, while the process that saw it runs (absent for deliveries recovered from the outbox). */
  firing?: Firing;
}

/**
 * How a delivery ended. `sent` with `ok: false` is a final rejection (a 4xx, or the last
 * retryable answer); `failed` never got an answer (or could not be sent); `skipped` never had
 * a request (no OAuth token). `id` and `attempts` are set once the delivery was recorded.
 */
export type DeliveryOutcome =
  | { kind: 'sent'; status: number; ms: number; ok: boolean; request: PreparedRequest; response: SendResult; id?: string; attempts?: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string; request?: PreparedRequest; id?: string; attempts?: number };
