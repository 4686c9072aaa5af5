// `octohookc test --dry-run` with conditions and quiet hours, as users run it (the spawned
// bin): which part decided a suppression, `--at HH:MM` for quiet hours, and `check` naming
// a condition's error at its place.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin, stackTrace } from '../support/spawn-bin.js';

const t = suite('octohookc: conditions and quiet hours');
const dir = mkdtempSync(join(tmpdir(), 'octohook-conditions-'));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

// The sample PrintDone prints lab_test.gcode.
const hooks = file('hooks.ohk', `timezone "Europe/Berlin"
quiet 23:00-07:00 except PrintFailed

hook labs on PrintDone, PrintFailed {
  when not (@job.file.name matches "^lab_")
  url  "https://example.com/labs"
}

hook all on PrintDone, PrintFailed {
  when @extra.name != null
  url  "https://example.com/all"
}
`);

t('a condition that does not hold is reported with its text; the hook it holds for is shown as prepared', async () => {
  const r = await runBin('octohookc', ['test', hooks, '--event', 'PrintDone', '--dry-run', '--at', '12:00']);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /# hook labs on PrintDone.*\nsuppressed by a condition: when not \(@job\.file\.name matches "\^lab_"\)\n/);
  assert.match(r.out, /# hook all on PrintDone.*\n# its conditions hold; not inside quiet 23:00-07:00\nPOST https:\/\/example\.com\/all/);
  assert.not.match(r.err, stackTrace);
});

t('--at inside the window: quiet hours decide, in the file\'s time zone; an excepted trigger goes out', async () => {
  const night = await runBin('octohookc', ['test', hooks, '--event', 'PrintDone', '--dry-run', '--at', '23:30', '--hook', 'all']);
  assert.is(night.code, 0, night.err);
  assert.match(night.out, /suppressed by quiet hours: quiet 23:00-07:00, it is 23:30 Europe\/Berlin/);
  const failed = await runBin('octohookc', ['test', hooks, '--event', 'PrintFailed', '--dry-run', '--at', '23:30', '--hook', 'all']);
  assert.is(failed.code, 0, failed.err);
  assert.match(failed.out, /PrintFailed is an exception to quiet 23:00-07:00\nPOST https:\/\/example\.com\/all/);
});

t('--at takes HH:MM; anything else is a usage error (exit 2), no stack trace', async () => {
  const r = await runBin('octohookc', ['test', hooks, '--event', 'PrintDone', '--dry-run', '--at', '24:00']);
  assert.is(r.code, 2);
  assert.match(r.err, /--at takes a time of day as HH:MM/);
  assert.not.match(r.err, stackTrace);
});

t('check names a condition\'s error at its place', async () => {
  const bad = file('bad.ohk', 'hook h on PrintDone {\n  when @job.file.size > 10min\n  url "https://example.com/h"\n}\n');
  const r = await runBin('octohookc', ['check', bad]);
  assert.is(r.code, 1);
  assert.match(r.out + r.err, /bad\.ohk:2:8: error OH5002: @job\.file\.size is not a number of seconds/);
});

t('octohook run refuses a module whose time zone this Node does not know, naming it; no stack trace', async () => {
  const mod = file('mars.mjs', 'export default { format: 1, source: "mars.ohk", octoprint: { url: null, apikey: null }, timezone: "Mars/Olympus_Mons", oauth: {}, hooks: [], env: [] };\n');
  const r = await runBin('octohook', ['run', mod, '--octoprint', 'http://127.0.0.1:9']);
  assert.is(r.code, 2, 'a file that cannot be run');
  assert.match(r.err, /time zone 'Mars\/Olympus_Mons', which this Node does not know/);
  assert.not.match(r.err, stackTrace);
});

t.run();
