// `octohook outbox list|retry|drop`: see and replay what the daemon could not deliver.
//
//   list   reads the journal without the lock (appends never rewrite what is there, and a
//          compaction replaces the file whole), so it is safe while the daemon runs.
//   retry  puts dead letters back at the end of their hook's queue, attempts reset.
//   drop   removes deliveries (dead or pending) for good.
// retry and drop need the journal's single writer: when a daemon holds the state directory
// they are handed to it as request files (runtime/outbox/control.ts) and the command waits
// for its answer; otherwise the command takes the lock and writes the journal itself, and
// the daemon picks the result up when it starts.
//
// Exit codes: 0 done, 1 something was not found or could not be done, 2 usage.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { realClock } from '../clock.js';
import { humanDuration } from '../delivery/human-duration.js';
import { isOctohookError } from '../errors.js';
import { createLogger } from '../log/logger.js';
import { submitRequest, type ControlRequest, type ControlResult } from '../outbox/control.js';
import { decodeFile } from '../outbox/frame.js';
import { lockOwner } from '../outbox/lock.js';
import { Outbox } from '../outbox/outbox.js';
import { replay, type StoredDelivery } from '../outbox/records.js';
import { resolveStateDir, statePaths } from '../outbox/state-dir.js';
import type { RunIo } from './main.js';

export const outboxUsage = `Usage:
  octohook outbox list [--state-dir DIR] [--json]
  octohook outbox retry ID... | --all-dead [--state-dir DIR]
  octohook outbox drop ID... | --all-dead [--state-dir DIR]

The state directory: --state-dir, else OCTOHOOK_STATE_DIR, else $XDG_STATE_HOME/octohook
(~/.local/state/octohook). Safe to use while the daemon runs.
`;

export async function outboxCommand(argv: string[], io: RunIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    (sub ? io.out : io.err).write(outboxUsage);
    return sub ? 0 : 2;
  }
  if (!['list', 'retry', 'drop'].includes(sub)) {
    io.err.write(`octohook outbox: unknown command '${sub}'.\n\n${outboxUsage}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  let ids: string[];
  try {
    ({ values, positionals: ids } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { 'state-dir': { type: 'string' }, json: { type: 'boolean' }, 'all-dead': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    io.err.write(`octohook outbox ${sub}: ${(e as Error).message.replace(/\. To specify.*$/s, '.')}\n\n${outboxUsage}`);
    return 2;
  }
  if (values.help) {
    io.out.write(outboxUsage);
    return 0;
  }
  const dir = resolveStateDir(values['state-dir'] as string | undefined, io.env);
  if (sub === 'list') {
    if (ids.length > 0 || values['all-dead']) {
      io.err.write(`octohook outbox list takes no ids.\n\n${outboxUsage}`);
      return 2;
    }
    return list(dir, values.json === true, io);
  }
  const allDead = values['all-dead'] === true;
  if (allDead === ids.length > 0) {
    io.err.write(`octohook outbox ${sub}: give delivery ids or --all-dead (not both).\n\n${outboxUsage}`);
    return 2;
  }
  return change(dir, { op: sub as 'retry' | 'drop', ...(allDead ? { allDead } : { ids }) }, io);
}

async function list(dir: string, json: boolean, io: RunIo): Promise<number> {
  const { journal, lock } = statePaths(dir);
  const buf = await readFile(journal).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? Buffer.alloc(0) : Promise.reject(e)));
  const decoded = decodeFile(buf);
  const daemon = lockOwner(lock);
  // While a daemon writes, a half-written last record is normal; only report damage otherwise.
  if (!daemon) {
    for (const p of decoded.problems) io.err.write(`warning: ${journal}: ${p.tail ? 'torn tail' : 'damaged bytes'} at offset ${p.offset} (${p.bytes} bytes, ${p.reason}); the daemon repairs it when it starts\n`);
  }
  const deliveries = replay(decoded.records);
  if (json) {
    io.out.write(JSON.stringify({ stateDir: dir, daemon: daemon ? { pid: daemon.pid } : null, deliveries: deliveries.map(summary) }, null, 2) + '\n');
    return 0;
  }
  const pending = deliveries.filter((d) => d.state === 'pending').length;
  io.out.write(`${dir}: ${pending} pending, ${deliveries.length - pending} dead${daemon ? ` (daemon running, pid ${daemon.pid})` : ''}\n`);
  if (deliveries.length === 0) return 0;
  const now = realClock.now();
  // A farm's deliveries name their printer; a single printer's table stays as it was.
  const farm = deliveries.some((d) => d.printer !== undefined);
  const rows = deliveries.map((d) => [
    d.id,
    ...(farm ? [d.printer ?? ''] : []),
    d.hook,
    d.trigger,
    d.state,
    String(d.attempts),
    d.state === 'pending' ? `${d.nextAt <= now ? 'due now' : `next in ${humanDuration(d.nextAt - now)}`}${d.reason ? ` (last: ${d.reason})` : ''}` : (d.reason ?? ''),
  ]);
  const head = ['ID', ...(farm ? ['PRINTER'] : []), 'HOOK', 'TRIGGER', 'STATE', 'ATTEMPTS', 'NEXT ATTEMPT / REASON'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) io.out.write(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n');
  return 0;
}

function summary(d: StoredDelivery): Record<string, unknown> {
  return {
    id: d.id,
    ...(d.printer !== undefined ? { printer: d.printer } : {}),
    hook: d.hook,
    trigger: d.trigger,
    state: d.state,
    attempts: d.attempts,
    createdAt: new Date(d.createdAt).toISOString(),
    ...(d.state === 'pending' ? { nextAttemptAt: new Date(d.nextAt).toISOString() } : {}),
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    ...(d.deadAt !== undefined ? { deadAt: new Date(d.deadAt).toISOString() } : {}),
    method: d.req.method,
    // The origin only: paths and queries may hold tokens (a Discord webhook URL is a credential).
    target: safeOrigin(d.req.url),
    bytes: d.req.body ? Math.floor((d.req.body.length * 3) / 4) : 0,
  };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

async function change(dir: string, req: ControlRequest, io: RunIo): Promise<number> {
  const paths = statePaths(dir);
  let result: ControlResult | null = null;
  let viaDaemon = lockOwner(paths.lock);
  if (!viaDaemon) {
    const logger = createLogger({ stream: io.err, level: 'warn' });
    try {
      const outbox = await Outbox.open({ dir, logger, clock: realClock, role: `outbox ${req.op}` });
      try {
        const sel = req.allDead ? { allDead: true as const } : { ids: req.ids ?? [] };
        if (req.op === 'retry') {
          const r = outbox.requeue(sel);
          result = { affected: r.requeued.map((d) => d.id), missing: r.missing };
        } else {
          const r = outbox.drop(sel);
          result = { affected: r.dropped.map((d) => d.id), missing: r.missing };
        }
      } finally {
        await outbox.close();
      }
    } catch (e) {
      if (!isOctohookError(e, 'OHK_ERR_OUTBOX_LOCKED')) {
        io.err.write(`octohook outbox ${req.op}: ${isOctohookError(e) ? e.message : String(e)}\n`);
        return 1;
      }
      viaDaemon = lockOwner(paths.lock); // a daemon started meanwhile
    }
  }
  if (!result) {
    result = await submitRequest(paths.requests, req);
    if (!result) {
      io.out.write(`the daemon${viaDaemon?.pid ? ` (pid ${viaDaemon.pid})` : ''} has not answered within 5 s; the request waits in ${paths.requests} and is applied when it does.\n`);
      return 0;
    }
  }
  const verb = req.op === 'retry' ? 'requeued' : 'dropped';
  const where = viaDaemon ? 'the running daemon sends them now' : 'the daemon sends them when it starts';
  io.out.write(`${verb} ${result.affected.length} ${result.affected.length === 1 ? 'delivery' : 'deliveries'}${req.op === 'retry' && result.affected.length > 0 ? `; ${where}` : ''}\n`);
  for (const id of result.affected) io.out.write(`  ${id}\n`);
  for (const id of result.missing) io.err.write(`octohook outbox ${req.op}: no ${req.op === 'retry' ? 'dead letter' : 'delivery'} with id ${id}\n`);
  return result.missing.length > 0 ? 1 : 0;
}
