// The printer as it is after an event. OctoPrint pushes an event at once but its printer data
// (`current`) at most twice a second, so when PrintStarted arrives the last `current` still
// says "Operational" with no file. The plugin, inside OctoPrint, read the printer after the
// event. octohook asks OctoPrint's REST API at the event instead — `GET /api/job` for @job,
// @progress (and the file behind @meta), `GET /api/printer` for @state — in parallel, only
// for what the hooks firing on it read, and within a short deadline. When an answer fails or
// is late, the next `current` stands in for it (the intake resolves `nextCurrent`). @currentZ
// and @offsets are in no REST answer: they come from the latest `current`.
//
// Bounded: per request, at most one is on the wire and one waits to follow it, whatever the
// event rate (PrinterQueries). Events that come in while a request is on the wire share the
// one that follows: an answer only serves events that came before it was asked.
import type { Clock } from './clock.js';
import type { PrinterAfter, PrinterView } from './dispatch/firing.js';
import { reasonOf } from './errors.js';
import type { LogSink } from './log/logger.js';
import { withSharedJson } from './printer-state.js';

export const printerAfterEventPolicy = {
  /** How long OctoPrint's REST answers may take before the next `current` stands in. */
  restDeadlineMs: 250,
  /** The longest an event waits for the next `current` when REST failed; then the printer as last seen. */
  holdMs: 1000,
  /** A REST request still unanswered after this is given up (later events are served by the next `current` meanwhile). */
  requestTimeoutMs: 5000,
} as const;

/** OctoPrint's REST answers about the printer now. */
export interface PrinterRest {
  /** `GET /api/job`. */
  job(): Promise<{ job: unknown; progress: unknown }>;
  /** `GET /api/printer`'s state. */
  state(): Promise<unknown>;
}

type Source = 'job' | 'state';
type Part = Partial<PrinterView>;

/** The REST requests of every event: per source one on the wire, and one more asked after it for the events that came meanwhile. */
export class PrinterQueries {
  private readonly onWire = new Map<Source, Promise<Part>>();
  private readonly following = new Map<Source, Promise<Part>>();

  constructor(private readonly rest: PrinterRest) {}

  /** An answer to a request sent from now on. */
  askedAfterNow(source: Source): Promise<Part> {
    const next = this.following.get(source);
    if (next) return next;
    const current = this.onWire.get(source);
    if (!current) return this.send(source);
    const after = current.then(
      () => this.sendFollowing(source),
      () => this.sendFollowing(source),
    );
    this.following.set(source, after);
    return after;
  }

  private sendFollowing(source: Source): Promise<Part> {
    this.following.delete(source);
    return this.send(source);
  }

  private send(source: Source): Promise<Part> {
    const answer: Promise<Part> = source === 'job' ? this.rest.job().then((a) => ({ job: a.job, progress: a.progress })) : this.rest.state().then((state) => ({ state }));
    this.onWire.set(source, answer);
    const done = (): void => {
      if (this.onWire.get(source) === answer) this.onWire.delete(source);
    };
    answer.then(done, done);
    return answer;
  }
}

/** The REST answer each root is read from; roots absent here never wait. */
const sourceOf: Readonly<Record<string, Source>> = { job: 'job', progress: 'job', meta: 'job', state: 'state' };

/** The REST requests a hook reading `roots` needs, in a fixed order. */
export function restSourcesFor(roots: readonly string[]): Source[] {
  const wanted = new Set<Source>();
  for (const r of roots) if (Object.prototype.hasOwnProperty.call(sourceOf, r)) wanted.add(sourceOf[r]);
  return (['job', 'state'] as const).filter((s) => wanted.has(s));
}

export interface PrinterAfterEventDeps {
  /** Absent: no REST (a replay); the next `current` answers. */
  queries?: PrinterQueries;
  clock: Clock;
  /** The printer as the first `current` after the event describes it (or as last seen, after the hold). */
  nextCurrent: Promise<PrinterView>;
  /** The printer as the latest `current` describes it. */
  latest: () => PrinterView;
  logger: LogSink;
}

/** One event's view of the printer after it: each REST request made at most once, shared by every hook and firing of the event. */
export class PrinterAfterEvent implements PrinterAfter {
  private readonly answers = new Map<Source, Promise<Part | null>>();
  private readonly views = new Map<string, Promise<PrinterView>>();

  constructor(private readonly deps: PrinterAfterEventDeps) {}

  view(roots: readonly string[]): Promise<PrinterView> | null {
    const sources = restSourcesFor(roots);
    if (sources.length === 0) return null;
    const key = sources.join();
    let view = this.views.get(key);
    if (!view) {
      // Every request starts now, before the first await: they run in parallel.
      view = this.combine(sources.map((s) => this.answer(s)));
      this.views.set(key, view);
    }
    return view;
  }

  private async combine(pending: Array<Promise<Part | null>>): Promise<PrinterView> {
    const parts = await Promise.all(pending);
    const found = parts.filter((p): p is Part => p !== null);
    const base = found.length === parts.length ? this.deps.latest() : await this.deps.nextCurrent;
    return withSharedJson(Object.assign({ ...base }, ...found) as PrinterView);
  }

  private answer(source: Source): Promise<Part | null> {
    let answer = this.answers.get(source);
    if (!answer) {
      answer = this.ask(source);
      this.answers.set(source, answer);
    }
    return answer;
  }

  /** The REST part, or null when there is no REST, it failed, or it missed the deadline. */
  private ask(source: Source): Promise<Part | null> {
    const { queries, clock, logger } = this.deps;
    if (!queries) return Promise.resolve(null);
    return new Promise<Part | null>((resolve) => {
      let settled = false;
      const settle = (part: Part | null, reason?: string): void => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(deadline);
        if (reason) logger.debug('printer data after the event comes from the next current', { request: source === 'job' ? 'GET /api/job' : 'GET /api/printer', reason });
        resolve(part);
      };
      const deadline = clock.setTimeout(() => settle(null, `no answer within ${printerAfterEventPolicy.restDeadlineMs} ms`), printerAfterEventPolicy.restDeadlineMs);
      queries.askedAfterNow(source).then(
        (part) => settle(part),
        (err: unknown) => settle(null, reasonOf(err)),
      );
    });
  }
}
