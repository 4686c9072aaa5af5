import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ProgressMilestones } from '../../../runtime/triggers/progress-milestones.js';

const t = suite('progress milestones');
const fired = (ms: { hook: string; milestone: number }[]) => ms.map((m) => `${m.hook}:${m.milestone}`);

t('each hook fires at its own interval (the plugin fired only the first hook\'s)', () => {
  const p = new ProgressMilestones([{ name: 'quarter', every: 25 }, { name: 'tenth', every: 10 }]);
  p.reset();
  const all: string[] = [];
  for (let c = 0; c <= 100; c += 0.7) all.push(...fired(p.update(c)));
  all.push(...fired(p.update(100)));
  assert.equal(all.filter((x) => x.startsWith('quarter')), ['quarter:25', 'quarter:50', 'quarter:75']);
  assert.equal(all.filter((x) => x.startsWith('tenth')), [10, 20, 30, 40, 50, 60, 70, 80, 90].map((m) => `tenth:${m}`));
});

t('skipped steps are caught up, in order; 0 and 100 never fire', () => {
  const p = new ProgressMilestones([{ name: 'h', every: 10 }]);
  p.reset();
  assert.equal(fired(p.update(0)), []);
  assert.equal(fired(p.update(5)), []);
  assert.equal(fired(p.update(37.9)), ['h:10', 'h:20', 'h:30']);
  assert.equal(fired(p.update(37.95)), []);
  assert.equal(fired(p.update(100)), ['h:40', 'h:50', 'h:60', 'h:70', 'h:80', 'h:90']);
});

t('a new print starts over; going backwards means a new print too', () => {
  const p = new ProgressMilestones([{ name: 'h', every: 50 }]);
  p.reset();
  assert.equal(fired(p.update(60)), ['h:50']);
  p.reset();
  assert.equal(fired(p.update(55)), ['h:50']);
  assert.equal(fired(p.update(3)), []);
  assert.equal(fired(p.update(51)), ['h:50']);
});

t('joined mid-print: what is already done is not re-sent', () => {
  const p = new ProgressMilestones([{ name: 'h', every: 10 }]);
  assert.equal(fired(p.update(45)), []);
  assert.equal(fired(p.update(52)), ['h:50']);
  const q = new ProgressMilestones([{ name: 'h', every: 10 }]);
  q.adopt(71);
  assert.equal(fired(q.update(80)), ['h:80']);
});

t('null, NaN and out-of-range values are ignored or clamped', () => {
  const p = new ProgressMilestones([{ name: 'h', every: 10 }]);
  p.reset();
  assert.equal(fired(p.update(null)), []);
  assert.equal(fired(p.update(Number.NaN)), []);
  assert.equal(fired(p.update(-5)), []);
  assert.equal(fired(p.update(250)), ['h:10', 'h:20', 'h:30', 'h:40', 'h:50', 'h:60', 'h:70', 'h:80', 'h:90']);
});

t.run();
