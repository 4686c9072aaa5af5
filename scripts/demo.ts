// `npm start`: octohook end to end on this machine, in a few seconds, with nothing to set up.
//
// 1. builds scripts/demo.ohk with `octohookc build` (into a temporary folder);
// 2. starts the project's OctoPrint simulator and the demo receiver (./demo-receiver.ts),
//    both on 127.0.0.1 with ports chosen by the system;
// 3. runs the daemon against them while the simulator plays a short print, sped up: start,
//    progress, a filament change that pauses and waits for the user, done;
// 4. prints each delivery as it comes back (trigger, hook, status, body excerpt, snapshot),
//    then a summary, and exits: 0 when every delivery succeeded, 1 otherwise.
//
// Nothing leaves 127.0.0.1: the hooks' URLs all point at the receiver, and the demo's sender
// refuses any other host. The secrets are random values the demo makes for itself and passes
// to the daemon as its environment (not yours); they are only ever shown redacted.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runBuild } from '../compiler/cli/command-build.js';
import type { CompiledModule } from '../runtime/compiled-module.js';
import { Daemon } from '../runtime/daemon.js';
import type { DeliveryOutcome } from '../runtime/delivery/sender.js';
import type { Firing } from '../runtime/dispatch/firing.js';
import type { PreparedRequest } from '../runtime/http/prepare-request.js';
import { closeSharedDispatcher, sendRequest } from '../runtime/http/send-request.js';
import { loadModule } from '../runtime/load-module.js';
import { createLogger } from '../runtime/log/logger.js';
import { REDACTED, redactText } from '../runtime/log/redact.js';
import { imageSize } from '../runtime/snapshot/jpeg-size.js';
import { createScript, OctoPrintSimulator, type PrintScript } from '../simulator/index.js';
import { parseBody, startDemoReceiver, type DemoReceiver } from './demo-receiver.js';

export interface DemoOptions {
  out?: { write(s: string): unknown };
  err?: { write(s: string): unknown };
  /** Simulator speed factor (default 6: the 17 s print takes about 3 s). */
  speed?: number;
  /** The .ohk to run (default scripts/demo.ohk). */
  source?: string;
  /** Give up after this many real ms (default 60 s). */
  timeoutMs?: number;
}

export interface DeliveryLine {
  hook: string;
  trigger: string;
  milestone: number;
  kind: DeliveryOutcome['kind'];
  status: number | null;
  ok: boolean;
  snapshotBytes: number | null;
}

export interface DemoResult {
  exitCode: number;
  deliveries: DeliveryLine[];
  /** The values the demo put in the daemon's environment (for tests: none may be printed). */
  secrets: string[];
  receiver: { requests: number; tokenRequests: number };
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const defaultSource = join(projectRoot, 'scripts', 'demo.ohk');

/** Labels of simulator steps worth a line in the demo's output. */
const PRINTER_STEPS: Record<string, string> = {
  start: 'print started: lab_test.gcode',
  M600: 'M600: the printer pauses for a filament change and waits for the user',
  'filament changed': 'the user changed the filament: printing again',
  done: 'print finished',
};

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const speed = options.speed ?? 6;
  const source = options.source ?? defaultSource;
  const started = Date.now();
  const elapsed = () => `+${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(6);
  const say = (s = '') => out.write(`${s}\n`);

  const env: Record<string, string> = {
    DEMO_API_SECRET: `demo-api-secret-${randomBytes(9).toString('hex')}`,
    DEMO_CLIENT_SECRET: `demo-client-secret-${randomBytes(9).toString('hex')}`,
    DISCORD_WEBHOOK: `${100000 + randomBytes(3).readUIntBE(0, 3)}/${randomBytes(16).toString('base64url')}`,
  };
  const secrets = Object.values(env);
  const deliveries: DeliveryLine[] = [];
  const problems: string[] = [];
  const temp = await mkdtemp(join(tmpdir(), 'octohook-demo-'));
  let sim: OctoPrintSimulator | undefined;
  let receiver: DemoReceiver | undefined;
  let daemon: Daemon | undefined;
  let giveUp: ReturnType<typeof setTimeout> | undefined;

  say('octohook demo: an OctoPrint simulator, a webhook receiver and the daemon, all on 127.0.0.1');
  say();
  try {
    // 1. Build, exactly as `octohookc build demo.ohk -o …` does.
    const compiled = join(temp, 'demo.mjs');
    const buildLog: string[] = [];
    const capture = { write: (s: string) => buildLog.push(s) };
    const code = await runBuild([source, '-o', compiled], { out: capture, err: capture });
    if (code !== 0) {
      err.write(buildLog.join(''));
      throw new DemoFailure(`octohookc build ${source} failed (exit ${code})`);
    }
    const module: CompiledModule = await loadModule(compiled);
    say(`  hooks     ${relative(process.cwd(), source) || source} built: ${module.hooks.map((h) => `${h.name} (${h.triggers.map(triggerLabel).join(', ')})`).join('; ')}`);

    // 2. The receiver and the simulator.
    receiver = await startDemoReceiver({ clientSecret: env.DEMO_CLIENT_SECRET, discordWebhook: env.DISCORD_WEBHOOK });
    env.DEMO_RECEIVER = receiver.url;
    sim = await new OctoPrintSimulator({ speed }).start();
    say(`  octoprint ${sim.url}  (the simulator, ${speed}x speed; API key ${REDACTED})`);
    say(`  receiver  ${receiver.url}  (token endpoint, API, Discord-style webhook)`);
    say(`  env       DEMO_RECEIVER=${receiver.url}  ${['DEMO_API_SECRET', 'DEMO_CLIENT_SECRET', 'DISCORD_WEBHOOK'].map((k) => `${k}=${REDACTED}`).join('  ')}`);
    say();

    // 3. The daemon, in this process, with a sender that only talks to 127.0.0.1.
    const logger = createLogger({ stream: { write: (line: string) => err.write(`  daemon: ${line}`) }, level: 'warn' });
    const loopbackOnly = (req: PreparedRequest, o: { timeoutMs: number }) => {
      if (new URL(req.url).hostname !== '127.0.0.1') return Promise.reject(new Error(`the demo sends only to 127.0.0.1, not to ${new URL(req.url).host}`));
      return sendRequest(req, { timeoutMs: o.timeoutMs });
    };
    const printed = { count: 0 };
    daemon = new Daemon({
      module,
      octoprintUrl: sim.url,
      apiKey: sim.apiKey,
      env,
      logger,
      send: loopbackOnly,
      onOutcome: (hook, firing, outcome) => {
        const line = describe(hook, firing, outcome, (text) => redactText(text, logger.secrets));
        deliveries.push(line.data);
        printed.count++;
        say(`  ${elapsed()}  ${line.text}`);
      },
    });
    await daemon.start();
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timedOut = new Promise<never>((_, reject) => {
      giveUp = setTimeout(() => reject(new DemoFailure(`the demo did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    await Promise.race([waitFor(() => daemon!.client.state === 'live', 10_000, 'the daemon did not connect to the simulator'), timedOut]);
    say(`  ${elapsed()}  daemon connected to OctoPrint; printing (with a filament change on the way)`);

    // 4. The print: the simulator's `filament-change` script, narrated.
    const script = narrate(createScript('filament-change', { filamentChange: { actionPaused: true, prompt: true, atPercent: 60 } }), (label) =>
      say(`  ${elapsed()}  printer   ${PRINTER_STEPS[label]}`),
    );
    const run = sim.play(script);
    await Promise.race([run.done, timedOut]);
    // PrintDone goes to both hooks; wait for those deliveries, then for anything still queued.
    const doneHooks = module.hooks.filter((h) => h.enabled && h.triggers.some((t) => t.event === 'PrintDone')).length;
    await Promise.race([waitFor(() => deliveries.filter((d) => d.trigger === 'PrintDone').length >= doneHooks, 10_000, 'Print Done was not delivered'), timedOut]).catch((e: Error) => problems.push(e.message));
    // Anything still queued gets a few seconds; a delivery waiting for a retry is a failure here.
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const idle = await Promise.race([
      daemon.dispatcher.idle().then(() => true),
      new Promise<false>((r) => (idleTimer = setTimeout(() => r(false), 10_000))),
      timedOut,
    ]);
    clearTimeout(idleTimer);
    if (!idle) problems.push(`${daemon.dispatcher.pending} deliveries were still pending (waiting for a retry?)`);
    for (const e of sim.scriptErrors) problems.push(`simulator script error: ${String(e)}`);
    for (const hook of module.hooks.filter((h) => h.enabled)) {
      if (!deliveries.some((d) => d.hook === hook.name)) problems.push(`hook ${hook.name} delivered nothing`);
    }
    if (!deliveries.some((d) => d.trigger === 'UserActionNeeded')) problems.push('the filament change did not fire User Action Needed');
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(giveUp);
    await daemon?.stop(2000).catch(() => undefined);
    await sim?.stop().catch(() => undefined);
    await receiver?.close().catch(() => undefined);
    await closeSharedDispatcher().catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
  }

  const failed = deliveries.filter((d) => !d.ok);
  const tokenRequests = receiver?.requests.filter((r) => r.service === 'token').length ?? 0;
  say();
  say(`Summary (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const hooks = [...new Set(deliveries.map((d) => d.hook))];
  for (const hook of hooks) {
    const mine = deliveries.filter((d) => d.hook === hook);
    const ok = mine.filter((d) => d.ok).length;
    const snaps = mine.filter((d) => d.snapshotBytes !== null).length;
    say(`  ${hook.padEnd(9)} ${ok} delivered${mine.length > ok ? `, ${mine.length - ok} failed` : ''}${snaps ? `, ${snaps} with a snapshot` : ''}: ${[...new Set(mine.map((d) => triggerText(d.trigger, d.milestone)))].join(', ')}`);
  }
  say(`  token     ${tokenRequests} request${tokenRequests === 1 ? '' : 's'} to the token endpoint (the token is cached between deliveries)`);
  for (const p of problems) say(`  problem   ${redactSecrets(p, secrets)}`);
  const exitCode = failed.length === 0 && problems.length === 0 && deliveries.length > 0 ? 0 : 1;
  say(
    exitCode === 0
      ? `  ${deliveries.length} deliveries, 0 failed; every request went to 127.0.0.1.`
      : `  ${deliveries.length} deliveries, ${failed.length} failed${problems.length ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}.`,
  );
  if (exitCode === 0) say('\nNext: write your own hooks (docs/language.md), check them with `octohookc check`, deploy with docs/deploy.md.');
  return { exitCode, deliveries, secrets, receiver: { requests: receiver?.requests.length ?? 0, tokenRequests } };
}

class DemoFailure extends Error {}

function triggerLabel(t: { event: string; every?: number }): string {
  return t.every ? `${t.event} every ${t.every}%` : t.event;
}

function triggerText(trigger: string, milestone: number): string {
  return trigger === 'Progress' ? `Progress ${milestone}%` : trigger;
}

/** One printed line per delivery: trigger, hook, status, snapshot, body excerpt. Redacted before it is cut short, so no prefix of a secret shows. */
function describe(hook: string, firing: Firing, outcome: DeliveryOutcome, redact: (text: string) => string): { text: string; data: DeliveryLine } {
  const trigger = triggerText(firing.trigger, firing.milestone).padEnd(17);
  const data: DeliveryLine = { hook, trigger: firing.trigger, milestone: firing.milestone, kind: outcome.kind, status: null, ok: false, snapshotBytes: null };
  if (outcome.kind !== 'sent') {
    return { text: redact(`${trigger} ${hook.padEnd(8)} ${outcome.kind.toUpperCase()}  ${outcome.reason}`), data };
  }
  data.status = outcome.status;
  data.ok = outcome.ok;
  const req = outcome.request;
  const body = parseBody(req.contentType ?? '', req.body ?? new Uint8Array());
  let snapshot = '';
  let excerpt: string;
  if (body.parts) {
    const file = body.parts.find((p) => p.filename !== null);
    if (file) {
      data.snapshotBytes = file.data.byteLength;
      const size = imageSize(file.data);
      snapshot = `snapshot ${size ? `${size.width}x${size.height} ` : ''}${(file.data.byteLength / 1024).toFixed(1)} KiB  `;
    }
    // Each field short, so every field shows up in one line.
    excerpt = body.parts.filter((p) => p.filename === null).map((p) => `${p.name}=${clip(redact(p.data.toString('utf8')), 30)}`).join(', ');
  } else if (body.json !== undefined) excerpt = redact(JSON.stringify(body.json));
  else excerpt = redact(req.body ? Buffer.from(req.body).toString('utf8') : '');
  excerpt = clip(excerpt, 130);
  const status = `${outcome.status}${outcome.ok ? '' : ' (rejected)'}`;
  return { text: `${trigger} ${hook.padEnd(8)} ${status.padEnd(4)} ${snapshot}${excerpt}`, data };
}

/** The same script, with a printed line when a step worth telling about runs. */
function narrate(script: PrintScript, tell: (label: string) => void): PrintScript {
  return {
    ...script,
    steps: script.steps.map((step) =>
      PRINTER_STEPS[step.label] === undefined
        ? step
        : {
            ...step,
            run: (ctx) => {
              tell(step.label);
              step.run(ctx);
            },
          },
    ),
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function redactSecrets(text: string, secrets: string[]): string {
  return secrets.reduce((t, s) => t.split(s).join(REDACTED), text);
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new DemoFailure(what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Run as a program (`npm start`, `node dist/scripts/demo.js [--speed N]`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { speed: { type: 'string' } }, allowPositionals: false });
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed > 0)) {
    process.stderr.write('demo: --speed takes a positive number\n');
    process.exit(2);
  }
  const result = await runDemo({ speed });
  process.exitCode = result.exitCode;
  // Everything was closed; this only guards against a stray handle keeping the demo alive.
  setTimeout(() => process.exit(result.exitCode), 2000).unref();
}
