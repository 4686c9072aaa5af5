import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { QUIET_END_MS, UserActionDetector } from '../../../runtime/triggers/user-action-detector.js';

const t = suite('user action detector');
const busy = ['Recv: echo:busy: paused for user'];

t('a wait fires once, however many busy lines come (issue #15 saw 285)', () => {
  const d = new UserActionDetector();
  let fired = 0;
  for (let i = 0; i < 300; i++) {
    const lines = i % 3 === 0 ? busy : ['Recv: ok', 'Recv:  T:210.0 /210.0 B:60.0 /60.0'];
    if (d.onLogLines(lines, i * 700)) fired++;
  }
  assert.is(fired, 1);
});

t('each signal kind starts a wait, with its reason', () => {
  assert.equal(new UserActionDetector().onLogLines(busy, 0), { reason: 'busy', line: 'echo:busy: paused for user' });
  assert.equal(new UserActionDetector().onLogLines(['Recv: //action:paused'], 0), { reason: 'action', line: '//action:paused' });
  assert.equal(new UserActionDetector().onEvent('FilamentChange', 0), { reason: 'filamentChange' });
  assert.equal(new UserActionDetector().onPrompt({ action: 'show', text: 'Nozzle Parked', choices: ['Continue'] }, 0), {
    reason: 'prompt', text: 'Nozzle Parked', choices: ['Continue'],
  });
  assert.is(new UserActionDetector().onLogLines(['Send: M600', 'Recv: echo:busy: processing'], 0), undefined);
});

t('FilamentChange, action:paused, a prompt and busy lines of one M600 are one wait', () => {
  const d = new UserActionDetector();
  const results = [d.onEvent('FilamentChange', 0), d.onLogLines(['Recv: //action:paused'], 100), d.onPrompt({ action: 'show', text: 'x' }, 200), d.onLogLines(busy, 2000)];
  assert.is(results.filter(Boolean).length, 1);
});

t('resume, the end of a print, a closed prompt or a long quiet end the wait', () => {
  for (const end of ['PrintResumed', 'PrintDone', 'PrintFailed', 'PrintCancelled', 'Disconnected']) {
    const d = new UserActionDetector();
    d.onLogLines(busy, 0);
    d.onEvent(end, 1000);
    assert.ok(d.onLogLines(busy, 2000), `a new wait after ${end}`);
  }
  const p = new UserActionDetector();
  p.onPrompt({ action: 'show' }, 0);
  p.onPrompt({ action: 'close' }, 10);
  assert.ok(p.onPrompt({ action: 'show' }, 20));
  const q = new UserActionDetector();
  q.onLogLines(busy, 0);
  assert.ok(q.onLogLines(busy, QUIET_END_MS + 1), 'busy again after a long quiet is a new wait');
});

t('malformed input is ignored', () => {
  const d = new UserActionDetector();
  assert.is(d.onLogLines([42 as unknown as string, 'echo:busy: paused for user'], 0), undefined, 'only received lines count');
  assert.is(d.onPrompt(null, 0), undefined);
  assert.is(d.onPrompt('show', 0), undefined);
});

t.run();
