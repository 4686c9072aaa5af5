// `octohook run COMPILED.mjs|FILE.ohk [--octoprint URL] [--api-key KEY] [--state-dir DIR]`: the
// daemon. Configuration precedence: flags, then OCTOPRINT_URL / OCTOPRINT_API_KEY, then the
// file's `octoprint { }` block; a file with `printer` blocks instead watches those printers
// (`--printers` chooses some: ./printer-selection.ts). The outbox lives in the state directory (--state-dir, else
// OCTOHOOK_STATE_DIR, else $XDG_STATE_HOME/octohook or ~/.local/state/octohook).
// `octohook outbox …` is in ./outbox-command.ts. Exit codes: 0 stopped cleanly, 1 could not
// start (errors in the .ohk included), 2 usage, configuration (./preflight.ts: a missing @env
// variable, a wrong OctoPrint address) or a file that is not one to run, 70 internal error
// (./run-program.ts).
import { parseArgs } from 'node:util';
import type { CompiledModule, RenderContext } from '../compiled-module.js';
import { Daemon, type DaemonTargets } from '../daemon.js';
import { isOctohookError } from '../errors.js';
import { loadModule, type CompileSource } from '../load-module.js';
import { createLogger, type Level, type LogFormat, type Logger } from '../log/logger.js';
import { BatchedStream } from '../log/batched-stream.js';
import { resolveStateDir } from '../outbox/state-dir.js';
import { parseListenAddress } from '../common/listen-address.js';
import { resolveStatusOptions } from '../status/status-options.js';
import { packageVersion } from '../package-facts.js';
import { outboxCommand, outboxUsage } from './outbox-command.js';
import { octoprintAddress, startupRefusal } from './preflight.js';
import { farmStartup } from './printer-selection.js';

const flags = '[--octoprint URL] [--api-key KEY] [--printers NAME,…] [--state-dir DIR] [--status HOST:PORT] [--log-format text|json] [--log-level debug|info|warn|error]';
const environment = `Environment: OCTOPRINT_URL, OCTOPRINT_API_KEY (preferred over --api-key, which other users
of the machine can see in the process list), OCTOHOOK_STATE_DIR (the outbox of pending and
dead-lettered webhooks; default $XDG_STATE_HOME/octohook, else ~/.local/state/octohook) and
every @env.NAME the hooks use.

A file with printer blocks (a print farm) watches every printer it names, or those --printers
names (one file, a share of the printers on each host); each block gives its own url and
apiKey, so --octoprint, --api-key, OCTOPRINT_URL and OCTOPRINT_API_KEY do not apply to it.

Exit codes: 0 stopped cleanly, 1 could not start, 2 usage or a file that cannot be run, 70 internal error.
`;
const outboxLines = outboxUsage.replace(/^Usage:\n/, '').replace(/\n\n[\s\S]*$/, '\n');
const runUsage = `Usage:
  octohook run COMPILED.mjs|FILE.ohk ${flags}
${outboxLines}  octohook --version

${environment}`;

function bundleUsage(module: CompiledModule): string {
  const names = module.env.length > 0 ? `\nThis bundle's hooks (${module.source}) read: ${module.env.join(', ')}.\n` : '';
  return `Usage:
  node BUNDLE.mjs ${flags}

octohook with the hooks of ${module.source} built in.
${environment}${names}`;
}

export interface RunIo {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  /** Resolves when the process should stop (SIGINT/SIGTERM by default). */
  stopSignal?: Promise<void>;
}

async function runUntilStopped(daemon: Daemon, logger: Logger, io: RunIo): Promise<number> {
  await daemon.start();
  await (io.stopSignal ?? signals());
  logger.info('stopping');
  await daemon.stop();
  return 0;
}

function signals(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export interface RunProgram {
  /**
   * The hooks compiled into a one-file bundle (`octohookc build --bundle`). Then there is no
   * `run` command and no file argument: `node hooks.bundle.mjs [flags]`.
   */
  bundled?: CompiledModule;
  /** The compiler, for `octohook run FILE.ohk`; a program without it refuses .ohk files. */
  compileSource?: CompileSource;
}

export async function main(argv: string[], io: RunIo = { out: process.stdout, err: process.stderr, env: process.env }, { bundled, compileSource }: RunProgram = {}): Promise<number> {
  const usage = bundled ? bundleUsage(bundled) : runUsage;
  const [command, ...afterCommand] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out.write(usage);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.out.write(`octohook ${packageVersion}${bundled ? ` with the hooks of ${bundled.source} built in` : ''}\n`);
    return 0;
  }
  if (command === 'outbox') return outboxCommand(afterCommand, io);
  if (!bundled && command !== 'run') {
    io.err.write(command === undefined ? usage : `octohook: unknown command '${command}'.\n\n${usage}`);
    return 2;
  }
  const rest = bundled ? argv : afterCommand;
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        octoprint: { type: 'string' },
        printers: { type: 'string' },
        'api-key': { type: 'string' },
        'log-format': { type: 'string' },
        'log-level': { type: 'string' },
        'state-dir': { type: 'string' },
        status: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.err.write(`octohook run: ${(e as Error).message.replace(/\. To specify.*$/s, '.')}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.out.write(usage);
    return 0;
  }
  if (positionals.length !== (bundled ? 0 : 1)) {
    io.err.write(bundled ? `unexpected argument '${positionals[0]}': the hooks are built into this file.\n\n${usage}` : `octohook run: give exactly one compiled module or .ohk file.\n\n${usage}`);
    return 2;
  }
  const format = (values['log-format'] as string | undefined) ?? 'text';
  const level = (values['log-level'] as string | undefined) ?? 'info';
  if (!['text', 'json'].includes(format) || !['debug', 'info', 'warn', 'error'].includes(level)) {
    io.err.write(`octohook run: --log-format takes text or json, --log-level debug, info, warn or error.\n`);
    return 2;
  }
  const statusFlag = values.status as string | undefined;
  const statusAddress = statusFlag === undefined ? undefined : parseListenAddress(statusFlag);
  if (statusAddress && 'problem' in statusAddress) {
    io.err.write(`octohook run: --status ${statusFlag}: ${statusAddress.problem}.\n`);
    return 2;
  }
  let module: CompiledModule;
  if (bundled) module = bundled;
  else {
    const file = positionals[0];
    try {
      module = await loadModule(file, compileSource, (text) => io.err.write(text));
    } catch (e) {
      if (!isOctohookError(e)) throw e;
      // Errors in a .ohk were printed above, as `octohookc check` prints them: exit 1 as there.
      const inSource = isOctohookError(e, 'OHK_ERR_SOURCE');
      io.err.write(`octohook run: ${e.message}${inSource ? '; not started' : ''}\n`);
      return inSource ? 1 : 2;
    }
  }
  if (module.hooks.length === 0) {
    io.err.write(bundled ? `octohook: the bundle of ${module.source} has no hooks: nothing to deliver, not started\n` : `octohook run: '${positionals[0]}' has no hooks: nothing to deliver, not started\n`);
    return 2;
  }
  const stream = new BatchedStream(io.err);
  const logger = createLogger({ stream, format: format as LogFormat, level: level as Level });

  try {
    const single = { octoprint: values.octoprint as string | undefined, apiKey: values['api-key'] as string | undefined };
    const farm = farmStartup(module, { ...single, printers: values.printers as string | undefined }, io.env);
    if (!farm.ok) {
      io.err.write(`octohook${bundled ? '' : ' run'}: ${farm.problem}\n`);
      return 2;
    }
    // Made once the configuration is known to be usable (the status page logs its token).
    const daemonFor = (where: DaemonTargets) =>
      new Daemon({
        module,
        ...where,
        env: io.env,
        logger,
        stateDir: resolveStateDir(values['state-dir'] as string | undefined, io.env),
        status: resolveStatusOptions(statusFlag, module, io.env, logger),
      });
    if (farm.targets) {
      return await runUntilStopped(daemonFor({ printers: farm.targets }), logger, io);
    }
    const refusal = startupRefusal(module, single, io.env);
    if (refusal) {
      io.err.write(`octohook${bundled ? '' : ' run'}: ${refusal}\n`);
      return 2;
    }
    const ctx = { env: io.env } as RenderContext;
    const url = octoprintAddress(module, values.octoprint as string | undefined, io.env).url;
    const apiKey = (values['api-key'] as string | undefined) ?? io.env.OCTOPRINT_API_KEY ?? module.octoprint.apikey?.(ctx) ?? '';
    if (!apiKey) {
      io.err.write('octohook run: no OctoPrint API key: set OCTOPRINT_API_KEY (OctoPrint → Settings → Application Keys), or apikey in the octoprint block.\n');
      return 2;
    }
    return await runUntilStopped(daemonFor({ octoprintUrl: url, apiKey }), logger, io);
  } catch (e) {
    logger.error('could not start', { reason: isOctohookError(e) ? e.message : e instanceof Error ? e.message : String(e) });
    return 1;
  } finally {
    stream.flush();
  }
}
