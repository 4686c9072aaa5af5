// `retry`: how a failed delivery is tried again. The default follows Standard Webhooks
// (at once, then after 5 s, 5 m, 30 m and 2 h; then the dead-letter queue).
//   retry off                          one attempt only
//   retry 3                            3 attempts in all, on the default schedule
//   retry [10s, 1m, 10m]               one attempt, then one after each delay
//   retry { attempts 3, schedule [10s, 1m] }
import type { ObjectEntry, Value } from '../../../grammar/ast.js';
import type { CheckContext } from './check-context.js';
import { readSettings } from './read-settings.js';
import { formatMs } from './setting-values.js';
import { diag } from '../../../language/diagnostic.js';
import { defaults, settingsTable } from '../../../language/settings-table.js';

const defaultRetryDelaysMs = defaults.retryDelaysMs;
const MAX_ATTEMPTS = settingsTable.retry.attempts.reader.max;
const MAX_DELAY_MS = settingsTable.retry.schedule.reader.maxMs;

function schedule(ctx: CheckContext, v: Value): number[] | undefined {
  if (v.kind !== 'Array') {
    ctx.report(diag.settingType(v.range, { setting: 'schedule', expected: "a list of durations, such as '[5s, 5m, 30m]'" }));
    return undefined;
  }
  const out: number[] = [];
  for (const el of v.elements) {
    if (el.kind !== 'Duration' || el.ms < 0 || el.ms > MAX_DELAY_MS) {
      ctx.report(diag.durationRange(el.range, { setting: 'a retry delay', min: '0s', max: formatMs(MAX_DELAY_MS) }));
      return undefined;
    }
    out.push(el.ms);
  }
  if (out.length + 1 > MAX_ATTEMPTS) {
    ctx.report(diag.numberRange(v.range, { setting: 'attempts', min: 1, max: MAX_ATTEMPTS }));
    return undefined;
  }
  return out;
}

function attempts(ctx: CheckContext, v: Value): number | undefined {
  if (v.kind !== 'Number' || !Number.isInteger(v.value) || v.value < 1 || v.value > MAX_ATTEMPTS) {
    ctx.report(diag.numberRange(v.range, { setting: 'attempts', min: 1, max: MAX_ATTEMPTS }));
    return undefined;
  }
  return v.value;
}

/** The delays between attempts: attempts = delays.length + 1. */
export function checkRetry(ctx: CheckContext, entry: ObjectEntry | undefined): number[] {
  const v = entry?.value;
  if (!v || v.recovered) return [...defaultRetryDelaysMs];
  if (v.kind === 'Word' && v.name === 'off') return [];
  if (v.kind === 'Number') {
    const n = attempts(ctx, v);
    return n === undefined ? [...defaultRetryDelaysMs] : extend(defaultRetryDelaysMs, n - 1);
  }
  if (v.kind === 'Array') return schedule(ctx, v) ?? [...defaultRetryDelaysMs];
  if (v.kind === 'Object') {
    const s = readSettings(ctx, v, 'retry', 'retry');
    const sched = s.get('schedule')?.value ? schedule(ctx, s.get('schedule')!.value!) : undefined;
    const n = s.get('attempts')?.value ? attempts(ctx, s.get('attempts')!.value!) : undefined;
    const base = sched ?? [...defaultRetryDelaysMs];
    if (n === undefined) return base;
    if (sched && n > sched.length + 1) {
      ctx.report(diag.retryAttempts(s.get('attempts')!.value!.range, { attempts: n, delays: n - 1, listed: sched.length }));
      return base;
    }
    return extend(base, n - 1);
  }
  ctx.report(diag.settingType(v.range, { setting: 'retry', expected: "off, a number of attempts, a list of delays or '{ attempts, schedule }'" }));
  return [...defaultRetryDelaysMs];
}

/** The first `n` delays of a schedule, repeating its last delay when it is shorter. */
function extend(delays: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(delays[Math.min(i, delays.length - 1)] ?? defaultRetryDelaysMs[0]);
  return out;
}
