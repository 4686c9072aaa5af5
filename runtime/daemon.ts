// The daemon: OctoPrint's push socket in, webhooks out. Wires the connection, the event
// intake (triggers), the dispatcher (render at firing time, per-hook order), the delivery
// engine (durable outbox, retries, signatures) and owns the shared pieces: the logger and
// its secrets, the OAuth token cache, the clock, the state directory.
import type { Clock } from './clock.js';
import { realClock } from './clock.js';
import type { CompiledModule, RenderContext } from './compiled-module.js';
import { DeliveryEngine } from './delivery/delivery-engine.js';
import { secretLengthOk, signingKey } from './delivery/signing.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import type { DeliveryOutcome, Sender } from './delivery/sender.js';
import { prepareHookRequest, type PrepareDeps } from './dispatch/prepare-hook-request.js';
import { childLog } from './log/logger.js';
import { DEFAULT_PRINTER_NAME, type Firing } from './dispatch/firing.js';
import { hearsPrinter } from './dispatch/hears-printer.js';
import { sendRequest } from './http/send-request.js';
import type { Logger } from './log/logger.js';
import { cachedSettings } from './octoprint/fetch-settings.js';
import type { PushClient, PushClientOptions } from './octoprint/index.js';
import { fetchToken } from './oauth/token-client.js';
import { createTokenCache } from './oauth/token-cache.js';
import type { PrinterState } from './printer-state.js';
import { PrinterLink, type PrinterTarget } from './printer-link.js';
import { RequestWatcher } from './outbox/control.js';
import { Outbox, type OutboxOptions } from './outbox/outbox.js';
import { statePaths } from './outbox/state-dir.js';
import { hookEnvNeeds, listMissing, missingEnv } from './required-env.js';
import { DeliveryStats } from './status/delivery-stats.js';
import type { StatusOptions } from './status/status-options.js';
import { StatusServer } from './status/status-server.js';

/**
 * What the daemon watches: the one OctoPrint of a file without `printer` blocks (named
 * `octoprint`), or the printers of a farm (a file's `printer` blocks, resolved; at least one),
 * each with its own address and key. Never both.
 */
export type DaemonTargets =
  | { octoprintUrl: string; apiKey: string; printers?: undefined }
  | { printers: PrinterTarget[]; octoprintUrl?: undefined; apiKey?: undefined };

export type DaemonOptions = DaemonSettings & DaemonTargets;

export interface DaemonSettings {
  module: CompiledModule;
  env: Record<string, string | undefined>;
  logger: Logger;
  clock?: Clock;
  /** Replaces the HTTP send of each attempt (tests observe or fake the network with it). */
  send?: Sender;
  /** Passed through to each push client (backoff, liveness, timeouts). */
  push?: Partial<PushClientOptions>;
  /** The durable outbox's directory; absent or null: an in-memory outbox (nothing survives a restart). */
  stateDir?: string | null;
  /** Outbox tuning (group-commit window, compaction bound, dead-letter bound). */
  outbox?: Pick<OutboxOptions, 'windowMs' | 'compaction' | 'maxDead' | 'maxDeadBytes'>;
  /** Jitter source for retry delays (tests pin it). */
  random?: () => number;
  /** Once per firing and hook: how it ended (delivered, dead-lettered, skipped). `outcome.id` is the webhook-id. */
  onOutcome?: (hook: string, firing: Firing, outcome: DeliveryOutcome) => void;
  /** Called when quiet hours or a condition keep a firing from a hook. */
  onSuppressed?: (hook: string, firing: Firing, reason: string) => void;
  /** How a delivery without a firing in memory ended: one recovered from the outbox at start, or a requeued dead letter. */
  onRecoveredOutcome?: (hook: string, delivery: { id: string; trigger: string }, outcome: DeliveryOutcome) => void;
  /** Serve the status page, its JSON and /metrics (runtime/status/); absent: off. */
  status?: StatusOptions | null;
}

export class Daemon {
  readonly dispatcher: Dispatcher;
  readonly engine: DeliveryEngine;
  /** One per printer, in the file's order. */
  readonly printers: PrinterLink[];
  /** What the status page and /metrics count. */
  readonly stats: DeliveryStats;
  private statusServer: StatusServer | null = null;
  private statusAddress: string | null = null;
  private readonly startedAt: number;
  private readonly clock: Clock;
  private outboxHandle: Outbox | null = null;
  private watcher: RequestWatcher | null = null;

  constructor(private readonly o: DaemonOptions) {
    const clock = (this.clock = o.clock ?? realClock);
    const { module, env, logger } = o;
    this.startedAt = clock.now();
    const stats = (this.stats = new DeliveryStats(module.hooks.map((h) => h.name), () => clock.now()));
    // A file with `printer` blocks names the printer on log lines and outbox records.
    const namePrinters = (module.printers?.length ?? 0) > 0;
    for (const name of module.env) logger.addSecret(env[name]);
    const envCtx = { env } as RenderContext;
    for (const hook of module.hooks) logger.addSecret(safe(() => hook.apiSecret(envCtx)));

    if (o.printers?.length === 0) throw new Error('a farm daemon needs at least one printer');
    // (Each printer's link registers its API key as a secret.)
    const targets = o.printers ?? [{ name: DEFAULT_PRINTER_NAME, url: o.octoprintUrl, apiKey: o.apiKey, device: null }];
    // Every firing names its printer's OctoPrint; these serve only a firing made without one.
    const rest = { baseUrl: targets[0].url, apiKey: targets[0].apiKey };
    const tokens = createTokenCache({
      clock,
      load: (name) => {
        const spec = module.oauth[name];
        return fetchToken(spec, envCtx, { secrets: logger.secrets });
      },
    });
    const prepareDeps: PrepareDeps = {
      module,
      env,
      tokens,
      logger,
      octoprintSettings: cachedSettings(rest, () => clock.now()),
      octoprintUrl: targets[0].url,
    };
    this.engine = new DeliveryEngine({
      hooks: module.hooks,
      env,
      clock,
      logger,
      send: o.send ?? ((req, { timeoutMs }) => sendRequest(req, { timeoutMs })),
      invalidateToken: (name) => tokens.invalidate(name),
      prepare: (hook, firing) => prepareHookRequest(hook, firing, prepareDeps, childLog(logger, { hook: hook.name, trigger: firing.trigger })),
      onAttempt: (hook, attempt) => stats.attempt(hook, attempt.ms),
      onQueueChanged: () => stats.changed(),
      namePrinters,
      onOutcome: (hook, delivery, outcome) => {
        stats.outcome(hook, delivery.trigger, outcome);
        if (delivery.firing) o.onOutcome?.(hook, delivery.firing, outcome);
        else o.onRecoveredOutcome?.(hook, { id: delivery.id, trigger: delivery.trigger }, outcome);
      },
      ...(o.random ? { random: o.random } : {}),
    });
    this.dispatcher = new Dispatcher({
      ...prepareDeps,
      engine: this.engine,
      now: () => clock.now(),
      namePrinters,
      onOutcome: (hook, firing, outcome) => {
        stats.outcome(hook.name, firing.trigger, outcome);
        o.onOutcome?.(hook.name, firing, outcome);
      },
      onSuppressed: (hook, firing, reason) => {
        stats.suppressed(hook.name);
        o.onSuppressed?.(hook.name, firing, reason);
      },
    });

    this.printers = targets.map(
      (target) =>
        new PrinterLink(target, {
          module,
          dispatcher: this.dispatcher,
          clock,
          logger,
          namePrinters,
          ...(o.push ? { push: o.push } : {}),
          onFiring: (firing) => stats.event(firing.trigger),
          onState: () => this.statusServer?.changed(),
        }),
    );
  }

  /** The first printer's connection (the only one without `printer` blocks). */
  get client(): PushClient {
    return this.printers[0].client;
  }

  /** The first printer's state (the only one without `printer` blocks). */
  get printer(): PrinterState {
    return this.printers[0].state;
  }

  /**
   * Opens the outbox (taking the state directory's lock: throws OHK_ERR_OUTBOX_LOCKED when
   * another daemon has it), resumes the deliveries it holds, then connects to OctoPrint.
   */
  async start(): Promise<void> {
    const { logger, module, env } = this.o;
    const hooks = module.hooks.filter((h) => h.enabled).length;
    const where = this.o.printers ? { printers: this.printers.map((p) => p.target.name).join(',') } : { octoprint: this.o.octoprintUrl };
    logger.info('starting', { hooks, ...where, ...(this.o.stateDir ? { stateDir: this.o.stateDir } : {}) });
    // `octohook run` refuses to start without them (cli/preflight.ts); a Daemon built directly says so once.
    const heard = module.hooks.filter((h) => h.enabled && this.printers.some((p) => hearsPrinter(h, p.target.name)));
    for (const hook of module.hooks.filter((h) => h.enabled && !heard.includes(h))) {
      // One file on several hosts (`--printers`): a hook for another host's printers is not an error.
      logger.info(`hook ${hook.name} is for printers this daemon does not watch (${hook.from?.join(', ')}); it stays idle here`, { hook: hook.name });
    }
    const missing = missingEnv(hookEnvNeeds(module, heard), env);
    if (missing.length > 0) logger.warn(`environment variables not set, rendered as "": ${listMissing(missing)}`);
    for (const hook of module.hooks.filter((h) => h.enabled && h.sign)) {
      try {
        const key = signingKey(hook, env);
        if (key && !secretLengthOk(key)) logger.warn(`hook ${hook.name}: its signing secret is ${key.length} bytes; Standard Webhooks recommends 24 to 64`, { hook: hook.name });
      } catch (e) {
        logger.error(`${(e as Error).message}. Until then its webhooks become dead letters ('octohook outbox retry --all-dead' sends them again).`, { hook: hook.name });
      }
    }
    const stateDir = this.o.stateDir ?? null;
    const outbox = await Outbox.open({ dir: stateDir, logger, clock: this.clock, role: 'daemon', ...this.o.outbox });
    this.outboxHandle = outbox;
    const recovered = this.engine.start(outbox);
    if (recovered > 0) logger.info(`outbox: resuming ${recovered} pending ${recovered === 1 ? 'delivery' : 'deliveries'} from before the restart`, { journal: outbox.journalPath });
    if (stateDir) {
      this.watcher = new RequestWatcher(statePaths(stateDir).requests, (req) => this.engine.applyControl(req), logger);
      await this.watcher.start();
    }
    if (this.o.status) await this.startStatus(this.o.status, outbox);
    for (const link of this.printers) link.start();
  }

  /** The status page's address once it listens (`http://127.0.0.1:8787/`), else null. */
  get statusUrl(): string | null {
    return this.statusAddress;
  }

  private async startStatus(options: StatusOptions, outbox: Outbox): Promise<void> {
    const { logger, module } = this.o;
    const engine = this.engine;
    const server = new StatusServer({
      ...options,
      stats: this.stats,
      logger,
      source: {
        hooks: module.hooks,
        stats: this.stats,
        deliveries: () => outbox.list(),
        outboxBytes: () => outbox.stats?.size ?? 0,
        isPaused: (h) => engine.isPaused(h),
        disabledReason: (h) => engine.disabledReason(h),
        printers: () => this.printers.map((p) => ({ name: p.target.name, url: p.target.url, connection: p.client.state, state: stateText(p.state.current.state), lastEvent: p.lastEvent })),
        secrets: logger.secrets,
        startedAt: this.startedAt,
        now: () => this.clock.now(),
      },
      control: (req) => engine.applyControl(req),
      pause: (h) => engine.pause(h),
      resume: (h) => engine.resume(h),
    });
    try {
      const bound = await server.start();
      this.statusServer = server;
      this.statusAddress = bound.url;
      logger.info(`status page on ${bound.url}`, { public: options.publicRead });
    } catch (e) {
      await outbox.close();
      throw new Error(`the status page cannot listen on ${options.listen.host}:${options.listen.port}: ${(e as Error).message}`);
    }
  }

  /** The outbox, once started. */
  get outbox(): Outbox | null {
    return this.outboxHandle;
  }

  /**
   * Stops reading events, lets firings being rendered reach the outbox and attempts on the
   * wire end (up to `graceMs`), then closes the outbox. Deliveries waiting for a retry stay
   * in it and resume on the next start.
   */
  async stop(graceMs = 10_000): Promise<void> {
    await Promise.all(this.printers.map((p) => p.stop()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (async () => {
      await this.dispatcher.recorded();
      await this.engine.stop();
    })();
    await Promise.race([settle, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    await this.watcher?.stop();
    await this.statusServer?.stop();
    const pending = this.dispatcher.pending;
    if (pending > 0) {
      if (this.o.stateDir) this.o.logger.info(`stopped with ${pending} ${pending === 1 ? 'delivery' : 'deliveries'} pending in the outbox; they resume on the next start`);
      else this.o.logger.warn(`stopped with ${pending} deliveries unfinished (no state directory: they are lost)`);
    }
    await this.outboxHandle?.close();
  }
}

function stateText(state: unknown): string {
  const text = state && typeof state === 'object' ? (state as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : '';
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
