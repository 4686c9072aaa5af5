// The daemon's world for bench:dispatch and bench:memory, in a process of its own so that
// neither it nor the daemon steals the other's event loop: the project's OctoPrint
// simulator (playing a long print, so `current` messages carry a printing state) and a
// webhook receiver on 127.0.0.1 (keep-alive, answers 200 "ok" after reading the body).
//
// Events are stamped when the simulator emits them and requests when the receiver sees
// their headers, both with process.hrtime (CLOCK_MONOTONIC, the same clock in every process
// of the machine), keyed by the sequence number in the `x-bench-seq` header; a request with
// `x-bench-lane: bare` is stamped in a second table (two hooks on one event). Driven over IPC
// by ./world.ts, which can also make the simulator's REST API answer late. Started with a
// printer count (bench:farm), it runs that many simulators (simulator/simulator-farm.ts), each
// printing, and an `emit` may spread its events round-robin over the first `spread` of them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LAB_LONG_FILE, OctoPrintSimulator, SimulatorFarm } from '../../simulator/index.js';
import type { WorldReply, WorldRequest } from './world.js';

const send = (m: WorldReply) => process.send!(m);
const now = () => Number(process.hrtime.bigint());

// seq → ns; typed arrays so 20,000 entries cost nothing to keep.
const CAP = 1 << 20;
const emittedAt = new Float64Array(CAP);
const arrivedAt = new Float64Array(CAP);
const arrivedBare = new Float64Array(CAP);
let received = 0;
/** The last request body received, so a baseline can send exactly the same bytes. */
let lastBody: Buffer = Buffer.alloc(0);
let waiters: Array<() => void> = [];

const sockets = new Set<Socket>();
const server = createServer({ keepAliveTimeout: 60_000 }, (req: IncomingMessage, res: ServerResponse) => {
  const t = now();
  const seq = Number(req.headers['x-bench-seq']);
  if (Number.isInteger(seq) && seq >= 0 && seq < CAP) (req.headers['x-bench-lane'] === 'bare' ? arrivedBare : arrivedAt)[seq] = t;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    lastBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('ok');
    received++;
    if (waiters.length) for (const w of waiters.splice(0)) w();
  });
});
server.on('connection', (s: Socket) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const printerCount = Math.max(1, Number(process.argv[2] ?? 1) || 1);
const farm = printerCount > 1 ? await SimulatorFarm.start(Array.from({ length: printerCount }, (_, i) => `p${i}`), { speed: 1 }) : null;
const sims = farm ? farm.printers.map((p) => p.sim) : [await new OctoPrintSimulator({ speed: 1 }).start()];
const printerRequests = () => sims.reduce((n, sim) => n + sim.requests.filter((r) => r.path === '/api/job' || r.path === '/api/printer').length, 0);
// A print that outlasts any bench: `current` carries state "Printing", the job and progress.
for (const sim of sims) sim.play('done', { file: { ...LAB_LONG_FILE, name: 'bench_long.gcode', durationMs: 3_600_000 }, progressStepMs: 1000 });

function waitArrivals(from: number, count: number, deadline: number): Promise<boolean> {
  return new Promise((resolve) => {
    const check = () => {
      let all = true;
      for (let s = from; s < from + count; s++) {
        if (arrivedAt[s] === 0) {
          all = false;
          break;
        }
      }
      if (all) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      waiters.push(check);
      setTimeout(() => {
        const i = waiters.indexOf(check);
        if (i >= 0) {
          waiters.splice(i, 1);
          check();
        }
      }, 200).unref();
    };
    check();
  });
}

// With `release`, a `current` follows right away (after each paced event, after a whole
// burst). The daemon asks OctoPrint's REST API for the printer after an event and waits for
// the next `current` only when that fails (runtime/printer-after-event.ts); the early
// `current` keeps the bench's figures free of that fallback under a burst.
async function emit(event: string, from: number, count: number, intervalMs: number, release: boolean, spread: number): Promise<void> {
  const simOf = (seq: number) => sims[seq % Math.min(spread, sims.length)];
  if (intervalMs <= 0) {
    for (let s = from; s < from + count; s++) {
      emittedAt[s] = now();
      simOf(s).emitEvent(event, { seq: s });
    }
    if (release) for (const sim of sims.slice(0, spread)) sim.sendCurrentNow();
    return;
  }
  // Paced: absolute schedule, so a late tick does not shift the ones after it.
  const start = now();
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs * 1e6;
    const wait = (due - now()) / 1e6;
    if (wait > 1) await new Promise((r) => setTimeout(r, wait - 0.5));
    while (now() < due) {
      // spin the last half millisecond: timers are not finer than that
    }
    emittedAt[from + i] = now();
    const sim = simOf(from + i);
    sim.emitEvent(event, { seq: from + i });
    if (release) sim.sendCurrentNow();
  }
}

process.on('message', async (m: WorldRequest) => {
  switch (m.op) {
    case 'emit':
      await emit(m.event, m.from, m.count, m.intervalMs, m.release, m.spread ?? 1);
      send({ op: 'emitted' });
      break;
    case 'arrivals': {
      const ok = await waitArrivals(m.from, m.count, Date.now() + m.timeoutMs);
      send({
        op: 'arrivals',
        complete: ok,
        arrived: Array.from(arrivedAt.subarray(m.from, m.from + m.count)),
        bare: Array.from(arrivedBare.subarray(m.from, m.from + m.count)),
        emitted: Array.from(emittedAt.subarray(m.from, m.from + m.count)),
      });
      break;
    }
    case 'count':
      send({ op: 'count', received, printerRequests: printerRequests() });
      break;
    case 'api-delay':
      for (const sim of sims) sim.setApiDelay(m.ms);
      send({ op: 'api-delay-set' });
      break;
    case 'last-body':
      send({ op: 'last-body', base64: lastBody.toString('base64') });
      break;
    case 'stop':
      for (const s of sockets) s.destroy();
      await (farm ? farm.stop() : sims[0].stop());
      server.close();
      send({ op: 'stopped' });
      process.exit(0);
  }
});

send({ op: 'ready', receiverUrl, octoprintUrl: sims[0].url, apiKey: sims[0].apiKey, printers: sims.map((sim) => ({ url: sim.url, apiKey: sim.apiKey })) });
