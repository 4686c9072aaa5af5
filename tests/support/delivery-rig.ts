// The delivery pipeline without OctoPrint: hooks compiled from .ohk source, the dispatcher
// (render at firing time), the delivery engine and the outbox (in memory or in a temporary
// state directory), a real receiver on 127.0.0.1 and a ManualClock. Retry waits are jumps of
// the clock (`step`); only the HTTP exchanges take real time.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../runtime/clock.js';
import type { CompiledModule } from '../../runtime/compiled-module.js';
import { DeliveryEngine } from '../../runtime/delivery/delivery-engine.js';
import type { DeliveryOutcome, Sender } from '../../runtime/delivery/sender.js';
import { prepareHookRequest, type PrepareDeps } from '../../runtime/dispatch/prepare-hook-request.js';
import { childLog } from '../../runtime/log/logger.js';
import { Dispatcher } from '../../runtime/dispatch/dispatcher.js';
import type { Firing } from '../../runtime/dispatch/firing.js';
import { sendRequest } from '../../runtime/http/send-request.js';
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import { createLogger, type Logger } from '../../runtime/log/logger.js';
import { fetchToken } from '../../runtime/oauth/token-client.js';
import { createTokenCache } from '../../runtime/oauth/token-cache.js';
import { Outbox, type OutboxOptions } from '../../runtime/outbox/outbox.js';
import { createSnapshotCache } from '../../runtime/snapshot/snapshot-cache.js';
import { startReceiver, type Receiver, type Responder } from './receiver.js';
import { waitFor } from './wait-for.js';

export interface RigOptions {
  respond?: Responder;
  env?: Record<string, string>;
  /** A state directory: true for a fresh temporary one, a path, or false (memory only, the default). */
  stateDir?: boolean | string;
  clock?: ManualClock;
  outbox?: Pick<OutboxOptions, 'windowMs' | 'compaction' | 'maxDead' | 'maxDeadBytes'>;
  /** Jitter source; default 0.5 (no jitter: the delay is exactly the schedule's). */
  random?: () => number;
  /** Wraps the real sender (to count or delay attempts). */
  send?: (real: Sender) => Sender;
  /** The engine's per-hook bound on pending deliveries. */
  maxPendingPerHook?: number;
}

export interface Rig {
  clock: ManualClock;
  receiver: Receiver;
  module: CompiledModule;
  logger: Logger;
  lines: string[];
  outbox: Outbox;
  engine: DeliveryEngine;
  dispatcher: Dispatcher;
  stateDir: string | null;
  outcomes: Array<{ hook: string; trigger: string; outcome: DeliveryOutcome }>;
  /** Firings quiet hours or a condition kept from a hook. */
  suppressed: Array<{ hook: string; trigger: string; reason: string }>;
  /** Fires a trigger at every hook listening to it (returns at once). */
  fire(trigger: string, payload?: unknown): void;
  /** Waits (real time) until nothing is being prepared or on the wire. */
  settle(): Promise<void>;
  /** Jumps the clock to the next retry, lets that attempt finish; returns the jump in ms. */
  step(): Promise<number>;
  close(): Promise<void>;
}

export async function startRig(source: (url: string) => string, o: RigOptions = {}): Promise<Rig> {
  const receiver = await startReceiver(o.respond);
  const clock = o.clock ?? new ManualClock();
  const lines: string[] = [];
  const logger = createLogger({ stream: { write: (s: string) => lines.push(s) }, level: 'debug', clock });
  const env = o.env ?? {};
  for (const v of Object.values(env)) logger.addSecret(v);
  const module = await moduleFromSource(source(receiver.url), 'rig.ohk');
  const stateDir = o.stateDir === true ? mkdtempSync(join(tmpdir(), 'octohook-outbox-')) : o.stateDir || null;
  const outbox = await Outbox.open({ dir: stateDir, logger, clock, ...o.outbox });
  const tokens = createTokenCache({ clock, load: (name) => fetchToken(module.oauth[name], { env } as never, { secrets: logger.secrets }) });
  const deps: PrepareDeps = { module, env, tokens, logger, octoprintSettings: async () => ({}), octoprintUrl: null };
  const outcomes: Rig['outcomes'] = [];
  const suppressed: Rig['suppressed'] = [];
  const real: Sender = (req, { timeoutMs }) => sendRequest(req, { timeoutMs });
  const engine = new DeliveryEngine({
    hooks: module.hooks,
    env,
    clock,
    logger,
    send: o.send ? o.send(real) : real,
    invalidateToken: (name) => tokens.invalidate(name),
    prepare: (hook, firing) => prepareHookRequest(hook, firing, deps, childLog(logger, { hook: hook.name })),
    onOutcome: (hook, d, outcome) => outcomes.push({ hook, trigger: d.trigger, outcome }),
    random: o.random ?? (() => 0.5),
    ...(o.maxPendingPerHook !== undefined ? { maxPendingPerHook: o.maxPendingPerHook } : {}),
  });
  engine.start(outbox);
  const dispatcher = new Dispatcher({
    ...deps,
    engine,
    now: () => clock.now(),
    onOutcome: (hook, firing, outcome) => outcomes.push({ hook: hook.name, trigger: firing.trigger, outcome }),
    onSuppressed: (hook, firing, reason) => suppressed.push({ hook: hook.name, trigger: firing.trigger, reason }),
  });
  const settle = async () => {
    await new Promise((r) => setImmediate(r));
    await waitFor(() => dispatcher.preparing === 0 && engine.inFlight === 0, 'deliveries to settle', 5000);
  };
  return {
    clock,
    receiver,
    module,
    logger,
    lines,
    outbox,
    engine,
    dispatcher,
    stateDir,
    outcomes,
    suppressed,
    fire(trigger, payload = {}) {
      dispatcher.fire(makeFiring(trigger, payload, clock.now(), logger));
    },
    settle,
    async step() {
      await settle();
      const jump = clock.nextDelay();
      if (jump === undefined) throw new Error('no retry is scheduled');
      clock.advance(jump);
      await settle();
      return jump;
    },
    async close() {
      await engine.stop();
      await outbox.close();
      await receiver.close();
    },
  };
}

export function makeFiring(trigger: string, payload: unknown, at: number, logger: Logger): Firing {
  return {
    id: randomUUID(),
    trigger,
    payload,
    milestone: 0,
    at,
    printer: { state: { text: 'Operational' }, job: { file: { name: 'cube.gcode' } }, progress: { completion: 100 }, currentZ: null, offsets: {} },
    snapshots: createSnapshotCache({ logger, secrets: logger.secrets }),
    meta: async () => ({}),
  };
}

/** A responder driven by a list of answers, one per request; the last one repeats. */
export function scripted(answers: Array<number | 'reset' | 'hang' | { status: number; headers?: Record<string, string> }>): Responder {
  let i = 0;
  return (_req, res) => {
    const a = answers[Math.min(i++, answers.length - 1)];
    if (a === 'hang') return;
    if (a === 'reset') {
      res.socket?.destroy();
      return;
    }
    const { status, headers } = typeof a === 'number' ? { status: a, headers: {} } : a;
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(status < 400 ? 'ok' : `nope ${status}`);
  };
}
