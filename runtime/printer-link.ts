// One printer the daemon watches: its own push connection (with its own reconnect backoff),
// its own printer state, progress milestones and user-action detector (in its event intake),
// and its own REST answers. Printers share only the dispatcher and the delivery engine, whose
// queues never wait on a printer, so a printer that is down, slow or restarting delays
// nobody else's events. A file without `printer` blocks has one link, named `octoprint`.
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import type { CompiledModule } from './compiled-module.js';
import type { Dispatcher } from './dispatch/dispatcher.js';
import { once, printerFor, type Firing, type FiringCore, type FiringOrigin } from './dispatch/firing.js';
import { EventIntake } from './event-intake.js';
import { SharedJson } from './http/shared-json.js';
import type { Logger } from './log/logger.js';
import { fetchFileMeta } from './octoprint/fetch-file-meta.js';
import { fetchJob } from './octoprint/fetch-job.js';
import { fetchPrinterState } from './octoprint/fetch-printer.js';
import { cachedSettings } from './octoprint/fetch-settings.js';
import { PushClient, type PushClientOptions } from './octoprint/index.js';
import { displayUrl } from './octoprint/urls.js';
import { printerAfterEventPolicy } from './printer-after-event.js';
import { PrinterState } from './printer-state.js';
import { createSnapshotCache } from './snapshot/snapshot-cache.js';
import { progressIntervals } from './triggers/progress-milestones.js';

/** One OctoPrint to watch, as `octohook run` resolved it. */
export interface PrinterTarget {
  /** The printer block's name; `octoprint` without printer blocks. */
  name: string;
  url: string;
  apiKey: string;
  /** The block's `device`, rendered; null without one. */
  device: unknown;
}

export interface PrinterLinkDeps {
  module: CompiledModule;
  dispatcher: Pick<Dispatcher, 'fire'>;
  clock: Clock;
  /** The daemon's logger; a farm's link logs through a child naming the printer. */
  logger: Logger;
  /** Log lines carry `printer=NAME` (a file with `printer` blocks). */
  namePrinters: boolean;
  push?: Partial<PushClientOptions>;
  /** Each firing as it is made (the status page counts it). */
  onFiring?: (firing: Firing) => void;
  /** The connection's state changed. */
  onState?: () => void;
}

export class PrinterLink {
  readonly client: PushClient;
  readonly state = new PrinterState();
  readonly origin: FiringOrigin;
  /** This printer's last firing (the status page shows it per printer). */
  lastEvent: { trigger: string; at: number } | null = null;
  private readonly intake: EventIntake;

  constructor(readonly target: PrinterTarget, deps: PrinterLinkDeps) {
    const { clock } = deps;
    const logger = deps.namePrinters ? deps.logger.child({ printer: target.name }) : deps.logger;
    logger.addSecret(target.apiKey);
    const rest = { baseUrl: target.url, apiKey: target.apiKey };
    const origin: FiringOrigin = (this.origin = {
      printer: { name: target.name, url: displayUrl(target.url), device: target.device },
      octoprintUrl: target.url,
      settings: cachedSettings(rest, () => clock.now()),
    });
    this.intake = new EventIntake({
      dispatcher: deps.dispatcher,
      printer: this.state,
      progressHooks: progressIntervals(deps.module, target.name),
      clock,
      logger,
      rest: {
        job: () => fetchJob({ ...rest, timeoutMs: printerAfterEventPolicy.requestTimeoutMs }),
        state: () => fetchPrinterState({ ...rest, timeoutMs: printerAfterEventPolicy.requestTimeoutMs }),
      },
      newFiring: (core: FiringCore) => {
        const firing: Firing = {
          ...core,
          id: randomUUID(),
          snapshots: createSnapshotCache({ logger, secrets: logger.secrets }),
          json: new SharedJson(),
          // The file of the job after the event: PrintStarted's, not the last `current`'s.
          meta: once(async () => fetchFileMeta((await printerFor(firing, ['meta'])).job, rest)),
          origin,
        };
        this.lastEvent = { trigger: firing.trigger, at: firing.at };
        deps.onFiring?.(firing);
        return firing;
      },
    });

    const client = (this.client = new PushClient({ baseUrl: target.url, apiKey: target.apiKey, clock, logger, ...deps.push }));
    client.on('history', (h) => this.intake.onHistory(h));
    client.on('current', (c) => this.intake.onCurrent(c));
    client.on('event', (e) => this.intake.onEvent(e));
    client.on('plugin', (p) => this.intake.onPlugin(p));
    client.on('state', () => deps.onState?.());
    client.on('resynced', (r) => {
      if (r.reconnect) logger.info('reconnected to OctoPrint; events while disconnected were not delivered by OctoPrint', { state: r.state });
    });
  }

  start(): void {
    this.client.start();
  }

  /** Stops reading events; events still waiting for a `current` render with the printer as last seen. */
  async stop(): Promise<void> {
    await this.client.stop();
    this.intake.flush();
  }
}
