import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { closestCandidates, closestName, didYouMean, editDistance } from '../../compiler/schema/did-you-mean.js';
import { schemaTables } from '../../compiler/schema/tables.js';

test('editDistance: insert, delete, substitute and neighbour swaps cost 1', () => {
  assert.is(editDistance('', ''), 0);
  assert.is(editDistance('abc', ''), 3);
  assert.is(editDistance('', 'ab'), 2);
  assert.is(editDistance('kitten', 'sitting'), 3);
  assert.is(editDistance('fiel', 'file'), 1);
  assert.is(editDistance('progress', 'pogress'), 1);
  assert.is(editDistance('abc', 'abc'), 0);
  assert.is(editDistance('ab', 'ba'), 1);
  assert.is(editDistance('Dwell', 'Dwelling'), 3);
});

const events = Object.keys(schemaTables.events);
const roots = [...Object.keys(schemaTables.roots), 'env'];

test('typos find the intended name', () => {
  assert.is(didYouMean('PrintDoen', events), 'PrintDone');
  assert.is(didYouMean('printdone', events), 'PrintDone');
  assert.is(didYouMean('PritnStarted', events), 'PrintStarted');
  assert.is(didYouMean('progres', roots), 'progress');
  assert.is(didYouMean('stat', roots), 'state');
  assert.is(didYouMean('curentZ', roots), 'currentZ');
  assert.is(didYouMean('nmae', ['name', 'path', 'display']), 'name');
});

test('documented names find the wire names: Dwell → Dwelling, Estop → EStop', () => {
  assert.is(didYouMean('Dwell', events), 'Dwelling');
  assert.is(didYouMean('Estop', events), 'EStop');
  assert.is(didYouMean('ESTOP', events), 'EStop');
});

test('case-insensitive match wins over a closer exact-case one', () => {
  assert.is(didYouMean('Job', ['job', 'Jog']), 'job');
  assert.is(didYouMean('currentz', ['currentZ', 'currentT']), 'currentZ');
});

test('a prefix of a long name is suggested', () => {
  assert.is(didYouMean('percentComplete', roots), 'percentCompleteMilestone');
  assert.is(didYouMean('deviceId', roots), 'deviceIdentifier');
});

test('nothing reasonably close gives undefined', () => {
  assert.is(didYouMean('banana', roots), undefined);
  assert.is(didYouMean('x', ['job', 'meta']), undefined);
  assert.is(didYouMean('ab', ['xy']), undefined);
  assert.is(didYouMean('', roots), undefined);
  assert.is(didYouMean('anything', []), undefined);
  assert.is(didYouMean('zz', ['z']), undefined);
});

test('ties are broken the same way every time', () => {
  assert.is(didYouMean('cat', ['bat', 'hat']), 'bat');
  assert.is(didYouMean('cat', ['hat', 'bat']), 'bat');
});

test('closestCandidates lists the close ones, best first; closestName is didYouMean', () => {
  assert.equal(closestCandidates('PrintDon', events), ['PrintDone']);
  const prefixed = closestCandidates('Print', events, 3);
  assert.is(prefixed.length, 3);
  assert.is(prefixed[0], 'PrintDone');
  assert.ok(prefixed.every((c) => c.startsWith('Print')));
  assert.equal(closestCandidates('nmae', ['name', 'nme', 'path'], 5), ['nme', 'name']);
  assert.equal(closestCandidates('banana', roots), []);
  assert.is(closestName('progres', roots), 'progress');
  assert.is(closestName('zzzz', roots), undefined);
});

test.run();
