// Which `matches` patterns the checker refuses: the shapes that backtrack exponentially,
// and not the everyday ones.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { unsafeRegexReason } from '../../compiler/phases/2-check/regex-safety.js';

test('everyday patterns pass', () => {
  for (const p of ['^calib', '\\.gcode$', '^(benchy|cube)_\\d+', '[a-z]+_v\\d+\\.gcode', '^.*test.*$', '(ab)?c', '(\\d{2})+x', '^[^/]+$', 'a{2,5}b', '\\(x+\\)+']) {
    assert.is(unsafeRegexReason(p), undefined, p);
  }
});

test('catastrophic shapes are refused, with the reason', () => {
  assert.is(unsafeRegexReason('(a+)+$'), 'a repeated group that repeats inside');
  assert.is(unsafeRegexReason('((a)*)*'), 'a repeated group that repeats inside');
  assert.is(unsafeRegexReason('(?:x\\d*){2,}'), 'a repeated group that repeats inside');
  assert.is(unsafeRegexReason('^(a|ab)*$'), 'a repeated choice between alternatives');
  assert.is(unsafeRegexReason('(x)\\1'), 'a back-reference');
  assert.is(unsafeRegexReason('(?<n>x)\\k<n>'), 'a back-reference');
  assert.is(unsafeRegexReason('.*a.*b.*c'), 'more than two unbounded repetitions');
});

test.run();
