// Several OctoPrints at once, for a print farm: one simulator per printer, each on its own port
// with its own API key, clock and printer, so a test (or bench:farm) can drop, restart or slow
// one printer while the others print on.
import { OctoPrintSimulator, type SimulatorOptions } from './octoprint-simulator.js';

export interface FarmPrinterSim {
  name: string;
  sim: OctoPrintSimulator;
  /** Its own API key: a daemon that mixed up two printers' keys would be refused. */
  apiKey: string;
}

export class SimulatorFarm {
  private constructor(readonly printers: FarmPrinterSim[]) {}

  /** Starts one simulator per name with `options`, and a printer's own on top (`perPrinter`). */
  static async start(
    names: readonly string[],
    options: Omit<SimulatorOptions, 'apiKeys' | 'port'> = {},
    perPrinter: Record<string, Omit<SimulatorOptions, 'apiKeys' | 'port'>> = {},
  ): Promise<SimulatorFarm> {
    if (new Set(names).size !== names.length) throw new Error('printer names must be unique');
    const printers: FarmPrinterSim[] = [];
    try {
      for (const name of names) {
        const apiKey = `SIM-${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}-KEY-0123456789`;
        const sim = await new OctoPrintSimulator({ ...options, ...perPrinter[name], apiKeys: { [apiKey]: 'admin' } }).start();
        printers.push({ name, sim, apiKey });
      }
    } catch (e) {
      await Promise.all(printers.map((p) => p.sim.stop()));
      throw e;
    }
    return new SimulatorFarm(printers);
  }

  get(name: string): OctoPrintSimulator {
    const p = this.printers.find((x) => x.name === name);
    if (!p) throw new Error(`no simulated printer named ${name}`);
    return p.sim;
  }

  async stop(): Promise<void> {
    await Promise.all(this.printers.map((p) => p.sim.stop()));
  }
}
