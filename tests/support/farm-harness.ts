// End-to-end harness for a print farm: one simulator per printer (simulator/simulator-farm.ts),
// a webhook receiver and one daemon watching them all. The test's hooks are compiled with a
// `printer` block per simulated printer before them (its address and key from the
// environment), and the daemon is given the printers the way `octohook run` resolves a file's
// printer blocks (runtime/cli/printer-selection.ts).
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import { farmStartup } from '../../runtime/cli/printer-selection.js';
import { Daemon, type DaemonOptions } from '../../runtime/daemon.js';
import { createLogger } from '../../runtime/log/logger.js';
import { SimulatorFarm, type SimulatorOptions } from '../../simulator/index.js';
import { startReceiver, type Receiver, type Responder } from './receiver.js';
import { waitFor } from './wait-for.js';

export interface FarmHarness {
  farm: SimulatorFarm;
  receiver: Receiver;
  daemon: Daemon;
  logs: string[];
  /** The environment the daemon read: each printer's URL and key variables. */
  env: Record<string, string>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** `PRINTER_MK3_URL`, `PRINTER_MK3_KEY`: the variables a printer block of the test reads. */
export const printerEnv = (name: string) => ({ url: `PRINTER_${name.toUpperCase()}_URL`, key: `PRINTER_${name.toUpperCase()}_KEY` });

/** `printer NAME { url @env.PRINTER_NAME_URL  apiKey @env.PRINTER_NAME_KEY }` for each name (with its `device`, if given). */
export function printerBlocks(names: readonly string[], devices: Record<string, string> = {}): string {
  return names
    .map((name) => {
      const device = devices[name] === undefined ? '' : `  device ${JSON.stringify(devices[name])}`;
      return `printer ${name} { url @env.${printerEnv(name).url}  apiKey @env.${printerEnv(name).key}${device} }\n`;
    })
    .join('');
}

export async function startFarmHarness(
  names: string[],
  source: (receiverUrl: string) => string,
  options: {
    sim?: Omit<SimulatorOptions, 'apiKeys' | 'port'>;
    /** A printer's own simulator options, over `sim`. */
    perPrinter?: Record<string, Omit<SimulatorOptions, 'apiKeys' | 'port'>>;
    push?: DaemonOptions['push'];
    /** A printer block's `device`. */
    devices?: Record<string, string>;
    /** As `--printers`. */
    printers?: string;
    stateDir?: string;
    respond?: Responder;
    status?: DaemonOptions['status'];
  } = {},
): Promise<FarmHarness> {
  const receiver = await startReceiver(options.respond);
  const farm = await SimulatorFarm.start(names, { speed: 10, ...options.sim }, options.perPrinter);
  const env: Record<string, string> = {};
  for (const p of farm.printers) {
    env[printerEnv(p.name).url] = p.sim.url;
    env[printerEnv(p.name).key] = p.apiKey;
  }
  const module = await moduleFromSource(printerBlocks(names, options.devices) + source(receiver.url), 'farm.ohk');
  const started = farmStartup(module, { ...(options.printers ? { printers: options.printers } : {}) }, env);
  if (!started.ok || !started.targets) throw new Error(started.ok ? 'no printers' : started.problem);
  const logs: string[] = [];
  const logger = createLogger({ stream: { write: (s: string) => logs.push(s) }, level: 'debug' });
  const daemon = new Daemon({ module, printers: started.targets, env, logger, stateDir: options.stateDir ?? null, ...(options.push ? { push: options.push } : {}), ...(options.status ? { status: options.status } : {}) });
  await daemon.start();
  await waitFor(() => daemon.printers.every((p) => p.client.state === 'live'), 'every printer live', 5000);
  return {
    farm,
    receiver,
    daemon,
    logs,
    env,
    async settle() {
      await new Promise((r) => setTimeout(r, 50));
      await daemon.dispatcher.idle();
    },
    async stop() {
      await daemon.stop(2000);
      await farm.stop();
      await receiver.close();
    },
  };
}
