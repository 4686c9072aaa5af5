// Delivery with retries over the durable outbox. The dispatcher hands over each rendered
// request (`accept`); the engine records it, queues it on its hook's lane (./hook-lane.ts)
// and makes attempts until the target takes it or the policy (./retry-policy.ts) gives up.
//
// One attempt: the stored request + webhook-id (stable) + webhook-timestamp (now) + a fresh
// signature (./signing.ts) → send → classify:
//   success            delivered: the delivery leaves the outbox
//   retry              another attempt after the hook's next delay (jitter, Retry-After),
//                      or, when the schedule is used up, a dead letter
//   410 Gone           dead letter, and the hook is disabled until restart: its queued
//                      deliveries become dead letters too, new firings are skipped
//   anything else      dead letter at once
// Bounded (see ./retry-policy.ts): a delivery still pending at its deadline (acceptance +
// the hook's schedule at its longest + one timeout, + the time its own attempts took) is
// dead-lettered as expired, and a hook never keeps more than `maxPendingPerHook` pending:
// the oldest waiting one is dead-lettered to make room. Order is kept: what is delivered
// still goes out in acceptance order.
//
// A 401 from an OAuth hook first gets the old plugin's treatment: forget the token, render
// the request again with a fresh one (replacing the stored request) and send it again. That
// needs the firing, which only the process that saw it has; a delivery recovered after a
// restart that meets a 401 is dead-lettered with a reason saying so.
//
// Errors in dead-letter reasons (OctohookError codes): OHK_ERR_TIMEOUT, OHK_ERR_NETWORK,
// OHK_ERR_URL, OHK_ERR_HEADER (send-request.ts), OHK_ERR_SIGN_SECRET (./signing.ts).
import type { Clock } from '../clock.js';
import type { CompiledHook } from '../compiled-module.js';
import type { PrepareResult } from '../dispatch/prepare-hook-request.js';
import { reasonOf } from '../errors.js';
import { childLog } from '../log/logger.js';
import type { DeliveryOutcome, Sender } from './sender.js';
import type { Firing } from '../dispatch/firing.js';
import { deserializeRequest, type PreparedRequest } from '../http/prepare-request.js';
import { excerpt, type SendResult } from '../http/send-request.js';
import type { LogSink } from '../log/logger.js';
import type { ControlRequest, ControlResult } from '../outbox/control.js';
import type { Outbox, Selection } from '../outbox/outbox.js';
import type { StoredDelivery } from '../outbox/records.js';
import { HookLane, type AttemptEnd, type LaneItem } from './hook-lane.js';
import { humanDuration } from './human-duration.js';
import { classify, lifetimeMs, nextDelayMs, retryPolicy, type Verdict } from './retry-policy.js';
import { newWebhookId, signingKey, withIdentity } from './signing.js';

export interface DeliveryEngineOptions {
  hooks: CompiledHook[];
  env: Record<string, string | undefined>;
  clock: Clock;
  send: Sender;
  logger: LogSink;
  /** Forgets an OAuth token (after a 401). */
  invalidateToken: (oauth: string) => void;
  /** Renders a firing's request again (after a 401, with a fresh token). */
  prepare: (hook: CompiledHook, firing: Firing) => Promise<PrepareResult>;
  /** Called once per delivery when it ends (delivered or dead-lettered). */
  onOutcome?: (hook: string, delivery: { id: string; trigger: string; firing?: Firing }, outcome: DeliveryOutcome) => void;
  /** Jitter source (tests pin it). */
  random?: () => number;
  /** Deliveries record and log the printer they came from: a file with `printer` blocks. */
  namePrinters?: boolean;
  /** Default retryPolicy.maxPendingPerHook. */
  maxPendingPerHook?: number;
  /** Called when deliveries join or leave the queues outside an attempt (new, requeued, dropped): the live status page shows it. */
  onQueueChanged?: () => void;
  /** Called after every attempt (the status page's latency histogram): how long it took and whether it was answered 2xx. */
  onAttempt?: (hook: string, attempt: AttemptReport) => void;
}

export interface AttemptReport {
  id: string;
  ms: number;
  /** The HTTP status, absent when there was no answer. */
  status?: number;
  ok: boolean;
}

export class DeliveryEngine {
  private outbox: Outbox | null = null;
  private readonly lanes = new Map<string, HookLane>();
  private readonly hooks: Map<string, CompiledHook>;
  private readonly disabled = new Map<string, string>();
  private readonly paused = new Set<string>();
  private idleWaiters: Array<() => void> = [];
  private stopping = false;
  private readonly maxPending: number;

  constructor(private readonly o: DeliveryEngineOptions) {
    this.hooks = new Map(o.hooks.map((h) => [h.name, h]));
    this.maxPending = o.maxPendingPerHook ?? retryPolicy.maxPendingPerHook;
  }

  /** Takes over an opened outbox and queues what it holds (pending deliveries from before a restart). */
  start(outbox: Outbox): number {
    this.outbox = outbox;
    let recovered = 0;
    for (const d of outbox.list()) {
      if (d.state !== 'pending') continue;
      this.lane(d.hook).push(this.item(d));
      recovered++;
    }
    for (const lane of this.lanes.values()) this.makeRoom(lane);
    return recovered;
  }

  /**
   * Holds a hook's deliveries in the outbox (new firings are still recorded) until
   * `resume`; an attempt on the wire still ends. Until restart, like a 410's disabling.
   */
  pause(hook: string): boolean {
    if (!this.hooks.has(hook)) return false;
    this.paused.add(hook);
    this.lanes.get(hook)?.pause();
    return true;
  }

  resume(hook: string): boolean {
    if (!this.hooks.has(hook)) return false;
    this.paused.delete(hook);
    this.lanes.get(hook)?.resume();
    return true;
  }

  isPaused(hook: string): boolean {
    return this.paused.has(hook);
  }

  /** Why a hook is disabled (a 410), or undefined. */
  disabledReason(hook: string): string | undefined {
    return this.disabled.get(hook);
  }

  /** Records a rendered request and queues it on its hook's lane. Never waits. */
  accept(hook: CompiledHook, firing: Firing, request: PreparedRequest): StoredDelivery {
    const outbox = this.requireOutbox();
    const printer = this.o.namePrinters ? firing.origin?.printer.name : undefined;
    const { delivery, durable } = outbox.add({ id: newWebhookId(), hook: hook.name, trigger: firing.trigger, ...(printer ? { printer } : {}), request });
    const lane = this.lane(hook.name);
    // The lane keeps no copy of the request: the outbox's stored one is the only one in memory
    // (a burst holds hundreds pending), decoded for each attempt (docs/performance.md, memory).
    lane.push({ ...this.item(delivery), durable, firing });
    this.makeRoom(lane);
    this.o.onQueueChanged?.();
    return delivery;
  }

  /** Deliveries waiting, retrying or on the wire. */
  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.size;
    return n;
  }

  /** Lanes with an attempt on the wire right now (not waiting for a retry). */
  get inFlight(): number {
    let n = 0;
    for (const lane of this.lanes.values()) if (lane.busy) n++;
    return n;
  }

  /** Resolves when no delivery is pending (every one delivered or dead-lettered). */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** `octohook outbox retry|drop` while the daemon runs. */
  applyControl(req: ControlRequest): ControlResult {
    const outbox = this.requireOutbox();
    const sel: Selection = req.allDead ? { allDead: true } : { ids: req.ids ?? [] };
    if (req.op === 'retry') {
      const { requeued, missing } = outbox.requeue(sel);
      for (const d of requeued) this.lane(d.hook).push(this.item(d));
      for (const lane of new Set(requeued.map((d) => this.lane(d.hook)))) this.makeRoom(lane);
      this.o.onQueueChanged?.();
      return { affected: requeued.map((d) => d.id), missing };
    }
    const { dropped, missing } = outbox.drop(sel);
    for (const d of dropped) this.lanes.get(d.hook)?.remove(d.id);
    this.o.onQueueChanged?.();
    return { affected: dropped.map((d) => d.id), missing };
  }

  /** Stops making attempts; waits for those on the wire. Pending deliveries stay in the outbox. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.lanes.values()].map((l) => l.stop()));
  }

  private requireOutbox(): Outbox {
    if (!this.outbox) throw new Error('DeliveryEngine: start() was not called');
    return this.outbox;
  }

  private lane(hook: string): HookLane {
    let lane = this.lanes.get(hook);
    if (!lane) {
      lane = new HookLane(
        hook,
        this.o.clock,
        (l, item) => this.attempt(l, item),
        (item) => this.expire(item),
        () => this.checkIdle(),
      );
      this.lanes.set(hook, lane);
      if (this.paused.has(hook)) lane.pause();
      if (this.stopping) void lane.stop();
    }
    return lane;
  }

  /** A lane item for a stored delivery, with its deadline from the start of its current life. */
  private item(d: StoredDelivery): LaneItem {
    const hook = this.hooks.get(d.hook);
    // A hook no longer in the file: its deliveries are dead-lettered at their first attempt.
    const deadline = hook ? (d.since ?? d.createdAt) + lifetimeMs(hook.retryDelaysMs, hook.timeoutMs) : Infinity;
    return { delivery: d, durable: Promise.resolve(), deadline };
  }

  /** Past the per-hook bound, the oldest waiting deliveries become dead letters. */
  private makeRoom(lane: HookLane): void {
    if (lane.size <= this.maxPending) return;
    const log = childLog(this.o.logger, { hook: lane.hook });
    let evicted = 0;
    while (lane.size > this.maxPending) {
      const item = lane.takeOldestWaiting();
      if (!item) break;
      evicted++;
      this.dead(item, log, `evicted: hook ${lane.hook} already had ${this.maxPending} deliveries pending (the most one hook keeps); the oldest waiting one made room for a newer one`);
    }
    if (evicted > 0) this.checkIdle();
  }

  /** The lane's deadline timer found this one still waiting. */
  private expire(item: LaneItem): void {
    const d = item.delivery;
    const log = childLog(this.o.logger, deliveryFields(d));
    const age = humanDuration(this.o.clock.now() - (d.since ?? d.createdAt));
    const why =
      d.attempts > 0
        ? `target down? ${d.attempts} attempt${d.attempts === 1 ? '' : 's'} failed, the last with ${d.reason ?? 'an error'}`
        : 'target down? it waited behind an earlier delivery of this hook that was not taken';
    this.dead(item, log, `expired after ${age} without being delivered, the most its hook's retry schedule allows (${why})`);
  }

  private checkIdle(): void {
    if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async attempt(lane: HookLane, item: LaneItem): Promise<AttemptEnd> {
    const d = item.delivery;
    const log = childLog(this.o.logger, deliveryFields(d));
    const hook = this.hooks.get(d.hook);
    if (!hook) return this.dead(item, log, `the hook ${d.hook} is no longer in the loaded file`);
    const gone = this.disabled.get(d.hook);
    if (gone) return this.dead(item, log, gone);

    const n = d.attempts + 1;
    const max = hook.retryDelaysMs.length + 1;
    let key: Buffer | null;
    try {
      key = signingKey(hook, this.o.env);
    } catch (e) {
      return this.dead(item, log, reasonOf(e), n);
    }

    const startedAt = this.o.clock.now();
    let request = deserializeRequest(d.req);
    let result = await this.send(hook, item, request, key, n);
    let unauthorizedNote = '';
    if ('response' in result && result.response.status === 401 && hook.oauth) {
      if (item.firing) {
        // The token expired or was revoked: render again with a fresh one, store that, resend.
        this.o.invalidateToken(hook.oauth);
        const again = await this.o.prepare(hook, item.firing);
        if (again.ok) {
          request = again.request;
          this.outbox?.replace(d.id, request);
          result = await this.send(hook, item, request, key, n);
          unauthorizedNote = ' with a fresh OAuth token';
        } else {
          unauthorizedNote = ` (no fresh OAuth token: ${again.reason})`;
        }
      } else {
        unauthorizedNote = '; a delivery recovered after a restart cannot be rendered again with a fresh OAuth token';
      }
    }

    const verdict: Verdict = classify(result, this.o.clock.now());
    const response = 'response' in result ? result.response : undefined;
    const fields: Record<string, unknown> = response ? { status: response.status, ms: response.ms } : {};
    Object.assign(fields, { attempt: `${n}/${max}`, id: d.id });

    if (verdict.kind === 'success') {
      this.outbox?.delivered(d.id);
      if (request.contentType?.startsWith('multipart/')) fields.bytes = request.body?.byteLength ?? 0;
      log.info('delivered', fields);
      this.report(item, { kind: 'sent', status: response!.status, ms: response!.ms, ok: true, request, response: response!, id: d.id, attempts: n });
      return 'final';
    }
    const reason = verdict.reason + unauthorizedNote;
    if (verdict.kind === 'retry') {
      const delay = nextDelayMs(hook.retryDelaysMs, n, verdict.retryAfterMs, this.o.random);
      // The time on the wire does not count against the schedule.
      const now = this.o.clock.now();
      item.deadline += now - startedAt;
      if (delay !== null && now + delay > item.deadline) {
        const left = Math.max(0, item.deadline - now);
        return this.dead(item, log, `gave up after ${n} attempt${n === 1 ? '' : 's'}: ${reason}; the next, in ${humanDuration(delay)}, would come after this delivery's deadline (${humanDuration(left)} left of what its hook's retry schedule allows)`, n, result);
      }
      if (delay !== null) {
        this.outbox?.retryScheduled(d.id, n, this.o.clock.now() + delay, reason);
        log.warn(`attempt failed; trying again in ${humanDuration(delay)}`, { ...fields, reason, ...bodyField(response) });
        return 'again';
      }
      return this.dead(item, log, max > 1 ? `gave up after ${n} attempts: ${reason}` : reason, n, result);
    }
    if (verdict.kind === 'gone') {
      const why = `the target answered 410 Gone to ${d.id}`;
      this.disable(lane, hook.name, why);
      return this.dead(item, log, `${reason}: the target no longer accepts this hook's webhooks`, n, result);
    }
    return this.dead(item, log, reason, n, result);
  }

  private async send(hook: CompiledHook, item: LaneItem, request: PreparedRequest, key: Buffer | null, n: number): Promise<{ response: SendResult } | { error: unknown }> {
    const d = item.delivery;
    const signed = withIdentity(request, d.id, Math.floor(this.o.clock.now() / 1000), key);
    const started = performance.now();
    try {
      const response = await this.o.send(signed, { timeoutMs: hook.timeoutMs, hook: hook.name, id: d.id, attempt: n, ...(item.firing ? { firing: item.firing } : {}) });
      this.o.onAttempt?.(hook.name, { id: d.id, ms: performance.now() - started, status: response.status, ok: response.status >= 200 && response.status < 300 });
      return { response };
    } catch (error) {
      this.o.onAttempt?.(hook.name, { id: d.id, ms: performance.now() - started, ok: false });
      return { error };
    }
  }

  private dead(item: LaneItem, log: LogSink, reason: string, attempts = item.delivery.attempts, result?: { response: SendResult } | { error: unknown }): AttemptEnd {
    const d = item.delivery;
    this.outbox?.deadLetter(d.id, attempts, reason);
    const response = result && 'response' in result ? result.response : undefined;
    log.error('dead letter: gave up on this webhook', { ...(response ? { status: response.status } : {}), reason, attempts, id: d.id, ...bodyField(response) });
    const request = deserializeRequest(d.req);
    if (response) this.report(item, { kind: 'sent', status: response.status, ms: response.ms, ok: false, request, response, id: d.id, attempts });
    else this.report(item, { kind: 'failed', reason, request, id: d.id, attempts });
    return 'final';
  }

  /** 410: the hook stops until restart; what is queued behind becomes dead letters. */
  private disable(lane: HookLane, hook: string, why: string): void {
    const reason = `hook disabled until restart: ${why}`;
    this.disabled.set(hook, reason);
    this.o.logger.error(`HOOK DISABLED: ${hook} will send nothing more until octohook restarts, because ${why}. Remove or fix the hook, then restart; 'octohook outbox retry --all-dead' sends its dead letters again.`, { hook });
    const log = childLog(this.o.logger, { hook });
    for (const item of lane.takeAll()) this.dead(item, log, reason);
  }

  private report(item: LaneItem, outcome: DeliveryOutcome): void {
    const d = item.delivery;
    this.o.onOutcome?.(d.hook, { id: d.id, trigger: d.trigger, ...(item.firing ? { firing: item.firing } : {}) }, outcome);
  }
}

function bodyField(response: SendResult | undefined): Record<string, unknown> {
  return response && response.bodyText ? { body: excerpt(response.bodyText, 200) } : {};
}

/** What a delivery's log lines name: its hook, its trigger and, in a farm, its printer. */
function deliveryFields(d: StoredDelivery): Record<string, string> {
  return { hook: d.hook, trigger: d.trigger, ...(d.printer ? { printer: d.printer } : {}) };
}
