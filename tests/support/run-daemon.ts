// End-to-end harness: an OctoPrint simulator, a webhook receiver and the daemon running a
// .ohk source compiled in memory, all on 127.0.0.1. Returns everything a test asserts on,
// including every log line the daemon wrote.
import type { Clock } from '../../runtime/clock.js';
import { Daemon } from '../../runtime/daemon.js';
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import { createLogger } from '../../runtime/log/logger.js';
import type { DeliveryOutcome } from '../../runtime/delivery/sender.js';
import { OctoPrintSimulator, type SimulatorOptions } from '../../simulator/index.js';
import { startReceiver, type Receiver, type Responder } from './receiver.js';

export interface Harness {
  sim: OctoPrintSimulator;
  receiver: Receiver;
  daemon: Daemon;
  logs: string[];
  outcomes: Array<{ hook: string; trigger: string; outcome: DeliveryOutcome }>;
  /** Waits until the daemon has been live and every delivery has finished. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(
  source: (receiverUrl: string) => string,
  options: { sim?: SimulatorOptions; respond?: Responder; env?: Record<string, string>; /** The daemon's clock (the simulator keeps its own). */ clock?: Clock } = {},
): Promise<Harness> {
  const receiver = await startReceiver(options.respond);
  const sim = await new OctoPrintSimulator({ speed: 10, ...options.sim }).start();
  const logs: string[] = [];
  const logger = createLogger({ stream: { write: (s: string) => logs.push(s) }, level: 'debug' });
  const module = await moduleFromSource(source(receiver.url), 'test.ohk');
  const outcomes: Harness['outcomes'] = [];
  const daemon = new Daemon({
    module,
    octoprintUrl: sim.url,
    apiKey: sim.apiKey,
    env: options.env ?? {},
    logger,
    onOutcome: (hook, firing, outcome) => outcomes.push({ hook, trigger: firing.trigger, outcome }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  daemon.start();
  const deadline = Date.now() + 5000;
  while (daemon.client.state !== 'live' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return {
    sim,
    receiver,
    daemon,
    logs,
    outcomes,
    async settle() {
      // Events reach the dispatcher as they arrive (their printer data may follow, from
      // OctoPrint's REST API or the next `current`; the dispatcher counts those as pending):
      // let the last messages cross the socket, then wait for every delivery.
      await new Promise((r) => setTimeout(r, 50));
      await daemon.dispatcher.idle();
    },
    async stop() {
      await daemon.stop(2000);
      await sim.stop();
      await receiver.close();
    },
  };
}
