// A print farm's compiled module, made by hand from the module contract (runtime/compiled-module.ts):
// the hooks come from a `.ohk` source compiled as usual, then `printers` and each hook's `from`
// are added the way the compiler emits them for `printer NAME { … }` blocks and `hook … from NAME`.
// So the daemon's farm side is tested on a module shaped exactly like a compiled one, as text
// (a file a spawned `octohook run` loads) or as a live module.
import { compile } from '../../compiler/compile.js';
import type { CompiledModule } from '../../runtime/compiled-module.js';

export interface FarmPrinter {
  name: string;
  /** A literal address, or the environment variable that holds it. */
  url: string | { env: string };
  /** The environment variable that holds its API key (`apiKey @env.NAME`). */
  apiKeyEnv: string;
  device?: string;
}

export interface FarmOptions {
  printers: FarmPrinter[];
  /** A hook's `from`: hook name → printer names. */
  from?: Record<string, string[]>;
  /**
   * Every hook's body also carries `printer: @printer` (a JSON body) and its device reads
   * `@printer.device` first, as a printer block's `device` does in a compiled farm.
   */
  stampPrinter?: boolean;
}

const envRead = (name: string) => `(c) => { const v = c.env[${JSON.stringify(name)}]; return v === undefined ? "" : v; }`;

/** The module's source text: `source` compiled, with the farm's printers and each hook's `from`. */
export function farmModuleSource(source: string, fileName: string, o: FarmOptions): string {
  const result = compile(source, { fileName, emit: true });
  if (result.code === undefined) throw new Error(`${fileName} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const printers = o.printers.map((p) => {
    const urlEnv = typeof p.url === 'string' ? [] : [p.url.env];
    const url = typeof p.url === 'string' ? `() => ${JSON.stringify(p.url)}` : envRead(p.url.env);
    const device = p.device === undefined ? 'null' : `() => ${JSON.stringify(p.device)}`;
    return `{ name: ${JSON.stringify(p.name)}, url: ${url}, apikey: ${envRead(p.apiKeyEnv)}, device: ${device}, needsEnv: ${JSON.stringify([...urlEnv, p.apiKeyEnv])} }`;
  });
  const printerEnv = o.printers.flatMap((p) => [...(typeof p.url === 'string' ? [] : [p.url.env]), p.apiKeyEnv]);
  const stamp = o.stampPrinter
    ? `const o = h; h = { ...o, data: (c) => ({ ...(o.data ? o.data(c) : {}), printer: c.printer }), deviceIdentifier: (c) => (c.printer && c.printer.device !== null ? c.printer.device : o.deviceIdentifier(c)) };`
    : '';
  return `${result.code.replace(/^export default \{/m, 'const single = {')}
const from = ${JSON.stringify(o.from ?? {})};
export default {
  ...single,
  printers: [${printers.join(', ')}],
  hooks: single.hooks.map((h) => { ${stamp} return from[h.name] ? { ...h, from: from[h.name] } : h; }),
  env: [...single.env, ...${JSON.stringify(printerEnv)}.filter((n) => !single.env.includes(n))],
};
`;
}

/** The same module, live. */
export async function farmModule(source: string, fileName: string, o: FarmOptions): Promise<CompiledModule> {
  const text = farmModuleSource(source, fileName, o);
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`)) as { default: CompiledModule };
  return mod.default;
}
