// The daemon: OctoPrint's push socket in, webhooks out. Wires the connection, the event
// intake (triggers), the dispatcher (per-hook queues) and the delivery pipeline, and owns
// the shared pieces: the logger and its secrets, the OAuth token cache, the clock.
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { realClock } from './clock.js';
import type { CompiledModule, RenderContext } from './compiled-module.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import type { DeliveryOutcome, Sender } from './dispatch/deliver-hook.js';
import { once, type Firing } from './dispatch/firing.js';
import { EventIntake } from './event-intake.js';
import { sendRequest } from './http/send-request.js';
import type { Logger } from './log/logger.js';
import { fetchFileMeta } from './octoprint/fetch-file-meta.js';
import { cachedSettings } from './octoprint/fetch-settings.js';
import { PushClient, type PushClientOptions } from './octoprint/index.js';
import { fetchToken } from './oauth/token-client.js';
import { createTokenCache } from './oauth/token-cache.js';
import { PrinterState } from './printer-state.js';
import { createSnapshotCache } from './snapshot/snapshot-cache.js';

export interface DaemonOptions {
  module: CompiledModule;
  octoprintUrl: string;
  apiKey: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  clock?: Clock;
  /** Replaces the HTTP send (the outbox wraps it; tests observe it). */
  send?: Sender;
  /** Passed through to the push client (backoff, liveness, timeouts). */
  push?: Partial<PushClientOptions>;
  onOutcome?: (hook: string, firing: Firing, outcome: DeliveryOutcome) => void;
}

export class Daemon {
  readonly client: PushClient;
  readonly dispatcher: Dispatcher;
  readonly printer = new PrinterState();
  private readonly intake: EventIntake;

  constructor(private readonly o: DaemonOptions) {
    const clock = o.clock ?? realClock;
    const { module, env, logger } = o;
    logger.addSecret(o.apiKey);
    for (const name of module.env) logger.addSecret(env[name]);
    const envCtx = { env } as RenderContext;
    for (const hook of module.hooks) logger.addSecret(safe(() => hook.apiSecret(envCtx)));

    const rest = { baseUrl: o.octoprintUrl, apiKey: o.apiKey };
    const tokens = createTokenCache({
      clock,
      load: (name) => {
        const spec = module.oauth[name];
        return fetchToken(spec, envCtx, { secrets: logger.secrets });
      },
    });
    this.dispatcher = new Dispatcher({
      module,
      env,
      tokens,
      logger,
      send: o.send ?? ((req, { timeoutMs }) => sendRequest(req, { timeoutMs })),
      octoprintSettings: cachedSettings(rest, () => clock.now()),
      octoprintUrl: o.octoprintUrl,
      now: () => clock.now(),
      onOutcome: (hook, firing, outcome) => o.onOutcome?.(hook.name, firing, outcome),
    });

    const printer = this.printer;
    this.intake = new EventIntake({
      dispatcher: this.dispatcher,
      printer,
      progressHooks: module.hooks.flatMap((h) => h.triggers.filter((t) => t.event === 'Progress').map((t) => ({ name: h.name, every: t.every ?? 10 }))),
      now: () => clock.now(),
      logger,
      newFiring: (trigger, payload, extra) => {
        const view = printer.current;
        return {
          id: randomUUID(),
          trigger,
          payload,
          milestone: extra?.milestone ?? 0,
          ...(extra?.onlyHook ? { onlyHook: extra.onlyHook } : {}),
          at: clock.now(),
          printer: view,
          snapshots: createSnapshotCache({ logger, secrets: logger.secrets }),
          meta: once(() => fetchFileMeta(view.job, rest)),
        };
      },
    });

    this.client = new PushClient({ baseUrl: o.octoprintUrl, apiKey: o.apiKey, clock, logger, ...o.push });
    this.client.on('history', (h) => this.intake.onHistory(h));
    this.client.on('current', (c) => this.intake.onCurrent(c));
    this.client.on('event', (e) => this.intake.onEvent(e));
    this.client.on('plugin', (p) => this.intake.onPlugin(p));
    this.client.on('resynced', (r) => {
      if (r.reconnect) logger.info('reconnected to OctoPrint; events while disconnected were not delivered by OctoPrint', { state: r.state });
    });
  }

  start(): void {
    const hooks = this.o.module.hooks.filter((h) => h.enabled).length;
    this.o.logger.info('starting', { hooks, octoprint: this.o.octoprintUrl });
    for (const name of this.o.module.env) {
      if (this.o.env[name] === undefined) this.o.logger.warn(`environment variable ${name} is not set: it renders as ""`);
    }
    this.client.start();
  }

  /** Stops reading events, then waits (up to `graceMs`) for deliveries in flight. */
  async stop(graceMs = 10_000): Promise<void> {
    await this.client.stop();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.dispatcher.idle(), new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    if (this.dispatcher.pending > 0) this.o.logger.warn(`stopped with ${this.dispatcher.pending} deliveries unfinished`);
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
