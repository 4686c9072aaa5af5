// Conditions and quiet hours end to end: the daemon against the simulator. A file-name
// condition lets one print through and stops another; quiet hours, read with an injected
// clock in the file's time zone, keep a hook quiet while `except` lets a failure through.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { realClock, type Clock } from '../../runtime/clock.js';
import { LAB_TEST_FILE } from '../../simulator/capture-templates.js';
import { startHarness, type Harness } from '../support/run-daemon.js';

const t = suite('e2e: conditions and quiet hours');

const topics = (h: Harness, path: string) =>
  h.receiver.requests.filter((r) => r.url === path).map((r) => (r.json as { topic: string; file: string }));

t('a file-name condition lets one print through and stops another; the stopped one is logged, counted, not journaled', async () => {
  const h = await startHarness((url) => `
hook real on PrintDone {
  when not (@job.file.name matches "^calib") and @job.estimatedPrintTime > 1min
  url  "${url}/real"
  data { topic: @topic, file: @job.file.name }
}
hook every on PrintDone {
  url  "${url}/every"
  data { topic: @topic, file: @job.file.name }
}
`);
  try {
    await h.sim.play('done', { file: { ...LAB_TEST_FILE, name: 'calib_cube.gcode' } }).done;
    await h.settle();
    await h.sim.play('done').done;
    await h.settle();
    assert.equal(topics(h, '/real').map((b) => b.file), ['lab_test.gcode']);
    assert.equal(topics(h, '/every').map((b) => b.file), ['calib_cube.gcode', 'lab_test.gcode']);
    assert.ok(h.logs.some((l) => /INFO {2}suppressed: condition not met .*hook=real.*reason="when not \(@job\.file\.name matches \\"\^calib\\"\)"/.test(l)), h.logs.filter((l) => /suppressed/.test(l)).join('\n'));
    assert.is(h.daemon.stats.hooks.get('real')?.suppressed, 1);
    assert.is(h.daemon.stats.hooks.get('every')?.suppressed, 0);
    assert.equal(h.outcomes.filter((o) => o.hook === 'real').map((o) => o.outcome.kind), ['sent'], 'the suppressed firing never became a delivery');
  } finally {
    await h.stop();
  }
});

t('quiet hours with an injected clock and time zone: a start at 23:30 Berlin is held back, except PrintFailed goes out', async () => {
  // The daemon's clock says 2026-01-15 22:30 UTC, which is 23:30 in Berlin (UTC+1 in winter); it runs at real speed from there.
  const offset = Date.UTC(2026, 0, 15, 22, 30) - Date.now();
  const clock: Clock = {
    now: () => realClock.now() + offset,
    setTimeout: (fn, ms) => realClock.setTimeout(fn, ms),
    clearTimeout: (timer) => realClock.clearTimeout(timer),
    sleep: (ms, signal) => realClock.sleep(ms, signal),
  };
  const h = await startHarness((url) => `
timezone "Europe/Berlin"
quiet 23:00-07:00 except PrintFailed
hook night on PrintStarted, PrintFailed {
  url  "${url}/night"
  data { topic: @topic, file: @job.file.name }
}
hook daylight on PrintStarted {
  quiet 08:00-20:00
  url  "${url}/daylight"
  data { topic: @topic, file: @job.file.name }
}
`, { clock });
  try {
    await h.sim.play('error').done;
    await h.settle();
    assert.equal(topics(h, '/night').map((b) => b.topic), ['Print Failed']);
    assert.equal(topics(h, '/daylight').map((b) => b.topic), ['Print Started'], "the hook's own window replaces the file's");
    assert.ok(h.logs.some((l) => /INFO {2}suppressed: quiet hours .*hook=night.*trigger=PrintStarted.*reason="quiet 23:00-07:00, it is 23:3\d Europe\/Berlin"/.test(l)), h.logs.filter((l) => /suppressed/.test(l)).join('\n'));
    assert.is(h.daemon.stats.hooks.get('night')?.suppressed, 1);
  } finally {
    await h.stop();
  }
});

t.run();
