// Quiet hours: whether a firing at `at` (the injected clock's epoch ms) falls inside a hook's
// window, read in the module's time zone (the daemon's local zone without one). The window is
// [start, end) in minutes of the day and wraps over midnight when it ends before it starts.
import type { CompiledHook } from '../compiled-module.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) });
    formats.set(key, f);
  }
  return f;
}

/** Whether this Node's Intl knows the zone (a module is refused at load otherwise). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes after midnight at `at`, in `timeZone` (undefined: the process's local zone). */
export function minuteOfDay(at: number, timeZone?: string): number {
  let hour = 0;
  let minute = 0;
  for (const p of formatFor(timeZone).formatToParts(at)) {
    if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return hour * 60 + minute;
}

export function insideWindow(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** Why the hook stays quiet for this trigger now (`quiet 23:00-07:00, it is 23:30 Europe/Berlin`), or null. */
export function quietReason(hook: CompiledHook, trigger: string, at: number, timeZone?: string): string | null {
  return hook.quiet ? quietReasonAtMinute(hook, trigger, minuteOfDay(at, timeZone), timeZone) : null;
}

/** As quietReason, at a given minute of the day (`octohookc test --at 23:30`). */
export function quietReasonAtMinute(hook: CompiledHook, trigger: string, minute: number, timeZone?: string): string | null {
  const q = hook.quiet;
  if (!q || q.except.includes(trigger)) return null;
  if (!insideWindow(minute, q.startMinute, q.endMinute)) return null;
  return `${q.text}, it is ${clockText(minute)}${timeZone ? ` ${timeZone}` : ''}`;
}

/** `23:30` for minute 1410. */
export function clockText(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
