// The test API every suite imports: uvu's call shape (test(name, fn), test.before/after and
// their .each, test.only, test.skip, suite(name, state), .run()) on a small runner the project
// owns, so tests/run.ts gets its totals as data instead of setting uvu's private globals or
// reading its printed summary. Assertions stay `uvu/assert`, which is uvu's public API.
//
// The semantics follow uvu 0.5: `.run()` queues the suite; once any test.only exists only those
// run and the rest count as skipped; before hooks run once, before.each/after.each around every
// test (after.each also after a failed test), after hooks always run. Where uvu swallows an error
// (a throwing before or after hook), this runner reports it as a failure instead.

export type Handler<S> = (state: S) => unknown;
type Hook<S> = (fn: Handler<S>) => void;

export interface Suite<S = Record<string, unknown>> {
  (name: string, fn: Handler<S>): void;
  only(name: string, fn: Handler<S>): void;
  skip(name?: string, fn?: Handler<S>): void;
  before: Hook<S> & { each: Hook<S> };
  after: Hook<S> & { each: Hook<S> };
  run(): void;
}

export interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** One formatted report per failure, ready to print. */
  failures: string[];
}

export interface QueuedSuite {
  name: string;
  /** Runs the suite, writing its progress line through `write`. */
  execute(write: (text: string) => void): Promise<SuiteResult>;
}

interface Entry<S> {
  name: string;
  fn: Handler<S>;
}

interface Plan<S> {
  tests: Entry<S>[];
  only: Entry<S>[];
  skips: number;
  before: Handler<S>[];
  after: Handler<S>[];
  beforeEach: Handler<S>[];
  afterEach: Handler<S>[];
}

const queue: QueuedSuite[] = [];

/** Hands the runner every suite queued by `.run()` since the last call. */
export function takeQueued(): QueuedSuite[] {
  return queue.splice(0);
}

// A test file run on its own (`node dist/tests/x.test.js`) would queue its suites and exit
// without running them; say so rather than exit quietly as if all were well.
process.on('exit', () => {
  if (queue.length === 0) return;
  process.stderr.write(`${queue.length} suite(s) queued but never run: run test files through dist/tests/run.js (e.g. \`node dist/tests/run.js ${process.argv[1]?.split(/[\\/]/).pop() ?? ''}\`)\n`);
  process.exitCode = process.exitCode || 1;
});

const emptyPlan = <S>(): Plan<S> => ({ tests: [], only: [], skips: 0, before: [], after: [], beforeEach: [], afterEach: [] });

export function suite<S extends object = Record<string, unknown>>(name = '', state: S = {} as S): Suite<S> {
  let plan = emptyPlan<S>();
  const add = (name: string, fn: Handler<S>) => void plan.tests.push({ name, fn });
  const hook = (key: 'before' | 'after' | 'beforeEach' | 'afterEach'): Hook<S> => (fn) => void plan[key].push(fn);
  const api = add as Suite<S>;
  api.only = (name, fn) => void plan.only.push({ name, fn });
  api.skip = () => void plan.skips++;
  api.before = Object.assign(hook('before'), { each: hook('beforeEach') });
  api.after = Object.assign(hook('after'), { each: hook('afterEach') });
  api.run = () => {
    const ready = plan;
    plan = emptyPlan<S>();
    queue.push({ name, execute: (write) => execute(name, ready, state, write) });
  };
  return api;
}

/** The default, unnamed suite: `import { test } from '.../support/suite-runner.js'`. */
export const test = suite();

async function execute<S>(name: string, plan: Plan<S>, state: S, write: (text: string) => void): Promise<SuiteResult> {
  const chosen = plan.only.length ? plan.only : plan.tests;
  const result: SuiteResult = {
    name,
    passed: 0,
    failed: 0,
    skipped: (plan.only.length ? plan.tests.length : 0) + plan.skips,
    failures: [],
  };
  const fail = (what: string, err: unknown) => {
    result.failed++;
    result.failures.push(formatFailure(name, what, err));
    write('✘ ');
  };
  if (name) write(` ${name}  `);
  const setup = await attempt(plan.before, state);
  if (setup.ok) {
    for (const t of chosen) {
      const ran = await runOne(t, plan, state);
      if (ran.ok) {
        result.passed++;
        write('• ');
      } else fail(t.name, ran.error);
    }
  } else {
    // Nothing ran: every chosen test is a failure, reported once with the hook's error.
    result.failed += Math.max(chosen.length, 1) - 1;
    fail(`before hook (${chosen.length} test(s) not run)`, setup.error);
  }
  const teardown = await attempt(plan.after, state);
  if (!teardown.ok) fail('after hook', teardown.error);
  write(`  (${result.passed} / ${chosen.length})\n`);
  return result;
}

type Outcome = { ok: true } | { ok: false; error: unknown };

async function attempt<S>(fns: Handler<S>[], state: S): Promise<Outcome> {
  try {
    for (const fn of fns) await fn(state);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

async function runOne<S>(t: Entry<S>, plan: Plan<S>, state: S): Promise<Outcome> {
  const main = await attempt([...plan.beforeEach, t.fn], state);
  const cleanup = await attempt(plan.afterEach, state);
  return main.ok ? cleanup : main;
}

// Node's, uvu/assert's and this runner's own frames say nothing about the test; keep the rest.
const internalFrame = /^\s*at.*(?:\(|\s)(?:node:|internal\/)|[\\/]uvu[\\/]assert[\\/]|[\\/]support[\\/]suite-runner\.js/;

function formatFailure(suiteName: string, testName: string, err: unknown): string {
  const head = `  FAIL ${suiteName ? `[${suiteName}] ` : ''}"${testName}"`;
  if (!(err instanceof Error)) return `${head}\n    thrown: ${String(err)}\n`;
  const { operator, details } = err as Error & { operator?: string; details?: string | false };
  let text = `${head}\n    ${err.message}${operator ? `  (${operator})` : ''}\n`;
  if (details) text += `\n        ${details.split('\n').join('\n        ')}`;
  const frames = (err.stack ?? '').split('\n').slice(1).filter((l) => l.trim() && !internalFrame.test(l));
  if (frames.length) text += `\n${frames.map((l) => `    ${l.trim()}`).join('\n')}\n`;
  return text;
}
