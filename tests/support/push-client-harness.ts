// A simulator and a PushClient wired together for tests: both on their own manual clocks, the
// client's backoff waits skipped automatically (after a few real ms, so a restarting server
// gets time to come back), and everything the client emits collected in arrays.
import { ManualClock } from '../../runtime/clock.js';
import { PushClient, type PushClientOptions, type ReconnectInfo, type ResyncInfo } from '../../runtime/octoprint/push-client.js';
import type { CurrentData, HistoryData } from '../../schema/octoprint-current.js';
import type { EventMessagePayload, PluginMessagePayload } from '../../schema/octoprint-push.js';
import { OctoPrintSimulator, type SimulatorOptions } from '../../simulator/index.js';
import { MemoryLogger } from './memory-logger.js';
import { waitFor } from './wait-for.js';

export interface Harness {
  sim: OctoPrintSimulator;
  simClock: ManualClock;
  clock: ManualClock;
  client: PushClient;
  logger: MemoryLogger;
  events: EventMessagePayload[];
  plugins: PluginMessagePayload[];
  currents: CurrentData[];
  histories: HistoryData[];
  resyncs: ResyncInfo[];
  reconnects: ReconnectInfo[];
  /** Waits (real time) until the client has resynced `n` times in total. */
  resynced(n: number): Promise<ResyncInfo>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  sim?: SimulatorOptions;
  client?: Partial<PushClientOptions>;
  /** Skip backoff waits automatically after this many real ms; false to leave the clock alone. */
  autoAdvance?: number | false;
  /** Do not call client.start(). */
  manualStart?: boolean;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const simClock = new ManualClock(1_795_831_120_000);
  const sim = await new OctoPrintSimulator({ clock: simClock, ...opts.sim }).start();
  const clock = new ManualClock(1_800_000_000_000);
  const logger = new MemoryLogger();
  const client = new PushClient({
    baseUrl: sim.url,
    apiKey: sim.apiKey,
    clock,
    logger,
    random: () => 0,
    ...opts.client,
  });
  const h: Harness = {
    sim,
    simClock,
    clock,
    client,
    logger,
    events: [],
    plugins: [],
    currents: [],
    histories: [],
    resyncs: [],
    reconnects: [],
    resynced: (n) => waitFor(() => h.resyncs[n - 1], `resync #${n}`),
    stop: async () => {
      await client.stop();
      await sim.stop();
    },
  };
  client.on('event', (e) => h.events.push(e));
  client.on('plugin', (p) => h.plugins.push(p));
  client.on('current', (c) => h.currents.push(c));
  client.on('history', (x) => h.histories.push(x));
  client.on('resynced', (r) => h.resyncs.push(r));
  client.on('reconnecting', (r) => {
    h.reconnects.push(r);
    const after = opts.autoAdvance ?? 5;
    if (after !== false) setTimeout(() => clock.advance(r.delayMs), after);
  });
  if (!opts.manualStart) client.start();
  return h;
}

/** Runs `fn` with a harness and always stops it. */
export async function withHarness(opts: HarnessOptions, fn: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness(opts);
  try {
    await fn(h);
  } finally {
    await h.stop();
  }
}
