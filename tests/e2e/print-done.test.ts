// A whole print through the simulator: the daemon must send what the plugin sent for the
// recorded `done` run (Print Started, Print Progress 10…90, Print Done), in order, with the
// plugin's topics and messages, and more: the progress milestones of a second hook with its
// own interval fire at their own steps (the plugin's bug a).
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startHarness, type Harness } from '../support/run-daemon.js';

const t = suite('e2e: a print from start to done');
let h: Harness;

t.before(async () => {
  h = await startHarness(
    (url) => `
device "lab-printer"
secret @env.LAB_SECRET
hook json on PrintStarted, PrintDone, PrintFailed, PrintPaused, Error, Progress every 10% {
  url "${url}/hook/json"
  data { deviceIdentifier: @deviceIdentifier, apiSecret: @apiSecret, topic: @topic, message: @message, extra: @extra,
         state: @state, job: @job, progress: @progress, currentZ: @currentZ, offsets: @offsets, currentTime: @currentTime,
         milestone: @percentCompleteMilestone }
}
hook quarters on Progress every 25% {
  url "${url}/hook/quarters?m=@percentCompleteMilestone"
  method GET
  data { file: @job.file.name, pct: "@{progress.completion | round}" }
}
`,
    { env: { LAB_SECRET: 'lab-secret' } },
  );
  const run = h.sim.play('done');
  await run.done;
  await h.settle();
});

t.after(async () => {
  await h.stop();
});

t('the json hook gets Started, Progress 10…90 and Done, in order', () => {
  const json = h.receiver.requests.filter((r) => r.url.startsWith('/hook/json'));
  const seen = json.map((r) => `${(r.json as { topic: string }).topic}|${(r.json as { message: string }).message}`);
  assert.equal(seen, [
    'Print Started|Your print has started.',
    ...[10, 20, 30, 40, 50, 60, 70, 80, 90].map((p) => `Print Progress|Your print is ${p} % complete.`),
    'Print Done|Your print is done.',
  ]);
  const milestones = json.map((r) => (r.json as { milestone: number }).milestone);
  assert.equal(milestones, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 0]);
});

t('bodies carry the plugin fields with their types', () => {
  const done = h.receiver.requests.find((r) => (r.json as { topic?: string } | undefined)?.topic === 'Print Done')!;
  const body = done.json as Record<string, unknown>;
  assert.is(body.deviceIdentifier, 'lab-printer');
  assert.is(body.apiSecret, 'lab-secret');
  assert.type(body.currentTime, 'number');
  assert.type((body.extra as { time: unknown }).time, 'number');
  assert.is((body.extra as { name: string }).name, (body.job as { file: { name: string } }).file.name);
  assert.type(body.state, 'object');
  assert.is(done.headers['content-type'], 'application/json');
  assert.is(done.method, 'POST');
});

t('Print Started sees the printer after the event, as the plugin did: the file is known, the state is printing', () => {
  const started = h.receiver.requests.find((r) => (r.json as { topic?: string } | undefined)?.topic === 'Print Started')!;
  const body = started.json as { job: { file: { name: string } }; state: { text: string } };
  assert.is(body.job.file.name, 'lab_test.gcode');
  assert.match(body.state.text, /^(Printing|Starting)/);
});

t('a second hook with its own interval fires at its own steps', () => {
  const quarters = h.receiver.requests.filter((r) => r.url.startsWith('/hook/quarters'));
  assert.equal(quarters.map((r) => r.query.find(([k]) => k === 'm')?.[1]), ['25', '50', '75']);
  assert.ok(quarters.every((r) => r.method === 'GET'));
  assert.ok(quarters.every((r) => r.query.some(([k, v]) => k === 'file' && v.length > 0)));
});

t('one log line per delivery, and no secret in any line', () => {
  const delivered = h.logs.filter((l) => / delivered /.test(l) || /\bdelivered\b/.test(l));
  assert.is(delivered.length, h.receiver.requests.length);
  for (const line of h.logs) {
    assert.not.ok(line.includes('lab-secret'), line);
    assert.not.ok(line.includes(h.sim.apiKey), line);
  }
  assert.match(delivered[0], /hook=json/);
  assert.match(delivered[0], /status=200/);
});

t.run();
