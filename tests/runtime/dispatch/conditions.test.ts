// Conditions and quiet hours in the dispatcher, through the delivery rig (real receiver,
// ManualClock): a suppressed firing is logged at info with its reason, counted, never
// journaled or sent, and gives back the cooldown window it took.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../runtime/clock.js';
import { insideWindow, minuteOfDay, quietReason } from '../../../runtime/dispatch/quiet-hours.js';
import type { CompiledHook } from '../../../runtime/compiled-module.js';
import { startRig, type Rig } from '../../support/delivery-rig.js';

const t = suite('dispatch: conditions and quiet hours');
let rig: Rig | undefined;
t.after.each(async () => {
  await rig?.close();
  rig = undefined;
});

const names = (r: Rig) => r.receiver.requests.map((q) => (q.json as { name: string }).name);

t('a condition lets one print through and stops another; the stopped one is logged, counted and never journaled', async () => {
  rig = await startRig((url) => `hook long on PrintDone {\n  when not (@extra.name matches "^calib") and @extra.time > 10min\n  url "${url}/long"\n  data { name: @extra.name }\n}`);
  rig.fire('PrintDone', { name: 'calib-cube.gcode', time: 3600 });
  await rig.settle();
  rig.fire('PrintDone', { name: 'benchy.gcode', time: 3600 });
  await rig.settle();
  rig.fire('PrintDone', { name: 'short.gcode', time: 60 });
  await rig.settle();
  assert.equal(names(rig), ['benchy.gcode']);
  assert.equal(rig.suppressed, [
    { hook: 'long', trigger: 'PrintDone', reason: 'when not (@extra.name matches "^calib")' },
    { hook: 'long', trigger: 'PrintDone', reason: 'when @extra.time > 10min' },
  ]);
  assert.is(rig.lines.filter((l) => /INFO {2}suppressed: condition not met .*hook=long.*reason=/.test(l)).length, 2);
  assert.is(rig.outbox.list().length, 0, 'nothing suppressed reached the outbox');
  assert.equal(rig.outcomes.filter((o) => o.outcome.kind !== 'sent'), [], 'a suppression is not a skipped or failed delivery');
});

t('a suppressed firing gives back its cooldown window', async () => {
  rig = await startRig((url) => `hook calm on PrintDone {\n  when @extra.name != "calib.gcode"\n  cooldown 1h\n  url "${url}/calm"\n  data { name: @extra.name }\n}`);
  rig.fire('PrintDone', { name: 'calib.gcode' });
  await rig.settle();
  rig.fire('PrintDone', { name: 'benchy.gcode' });
  await rig.settle();
  assert.equal(names(rig), ['benchy.gcode']);
});

t('the null rule at run time: a missing operand makes a comparison false, == null is true', async () => {
  rig = await startRig((url) => `hook a on PrintDone, PrintFailed {\n  when @extra.time > 1s or @extra.time == null\n  url "${url}/a"\n  data { name: @extra.name }\n}\nhook b on PrintDone {\n  when @extra.time != 5s\n  url "${url}/b"\n  data { name: @extra.name }\n}`);
  rig.fire('PrintDone', { name: 'no-time.gcode' });
  await rig.settle();
  assert.equal(rig.receiver.requests.map((q) => q.url), ['/a'], 'missing: == null holds for a; != is false for b');
});

t('quiet hours wrap over midnight in the module\'s time zone, with the injected clock; except lets a failure through', async () => {
  // 2026-01-15 22:30 UTC is 23:30 in Berlin (UTC+1 in winter).
  const clock = new ManualClock(Date.UTC(2026, 0, 15, 22, 30));
  rig = await startRig((url) => `timezone "Europe/Berlin"\nquiet 23:00-07:00 except PrintFailed\nhook night on PrintDone, PrintFailed {\n  url "${url}/night"\n  data { name: @extra.name }\n}\nhook loud on PrintDone {\n  quiet off\n  url "${url}/loud"\n  data { name: @extra.name }\n}`, { clock });
  rig.fire('PrintDone', { name: 'at-2330.gcode' });
  rig.fire('PrintFailed', { name: 'failed-2330.gcode' });
  await rig.settle();
  clock.advance(7.5 * 3_600_000); // 07:00 Berlin: the window has ended
  rig.fire('PrintDone', { name: 'at-0700.gcode' });
  await rig.settle();
  const byHook = (h: string) => rig!.receiver.requests.filter((q) => q.url === `/${h}`).map((q) => (q.json as { name: string }).name);
  assert.equal(byHook('night'), ['failed-2330.gcode', 'at-0700.gcode']);
  assert.equal(byHook('loud'), ['at-2330.gcode', 'at-0700.gcode'], "a hook's quiet off replaces the file's quiet hours");
  assert.equal(rig.suppressed, [{ hook: 'night', trigger: 'PrintDone', reason: 'quiet 23:00-07:00, it is 23:30 Europe/Berlin' }]);
  assert.ok(rig.lines.some((l) => /INFO {2}suppressed: quiet hours .*hook=night/.test(l)));
  assert.is(rig.outbox.list().length, 0);
});

t('quiet-hours arithmetic: minutes in a zone, windows with and without wrapping', () => {
  const at = Date.UTC(2026, 6, 1, 21, 15); // summer: Berlin is UTC+2
  assert.is(minuteOfDay(at, 'Europe/Berlin'), 23 * 60 + 15);
  assert.is(minuteOfDay(at, 'UTC'), 21 * 60 + 15);
  assert.is(minuteOfDay(at, 'America/New_York'), 17 * 60 + 15);
  assert.ok(insideWindow(23 * 60, 22 * 60, 7 * 60) && insideWindow(0, 22 * 60, 7 * 60) && !insideWindow(7 * 60, 22 * 60, 7 * 60));
  assert.ok(insideWindow(13 * 60, 12 * 60, 14 * 60) && !insideWindow(14 * 60, 12 * 60, 14 * 60) && !insideWindow(11 * 60, 12 * 60, 14 * 60));
  const hook = { quiet: { startMinute: 22 * 60, endMinute: 7 * 60, except: ['Error'], text: 'quiet 22:00-07:00' } } as CompiledHook;
  assert.is(quietReason(hook, 'Error', at, 'Europe/Berlin'), null);
  assert.is(quietReason(hook, 'PrintDone', at, 'UTC'), null);
  assert.is(quietReason(hook, 'PrintDone', at, 'Europe/Berlin'), 'quiet 22:00-07:00, it is 23:15 Europe/Berlin');
});

t.run();
