// Log lines written in one turn of the event loop go out as one write after it; the first line
// of a run goes out at once (the daemon's `starting`, as early as it is true).
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { BatchedStream } from '../../../runtime/log/batched-stream.js';

const t = suite('log: batched stream');

t('the first line is written at once; later lines of a turn are joined into one write after it', async () => {
  const writes: string[] = [];
  const stream = new BatchedStream({ write: (s: string) => writes.push(s) });
  stream.write('starting\n');
  assert.equal(writes, ['starting\n'], 'the first line, before the turn ends');
  stream.write('a\n');
  stream.write('b\n');
  assert.equal(writes, ['starting\n']);
  await new Promise((r) => setImmediate(r));
  assert.equal(writes, ['starting\n', 'a\nb\n']);
  stream.write('c\n');
  stream.flush();
  assert.equal(writes, ['starting\n', 'a\nb\n', 'c\n'], 'flush writes what is pending');
});

t.run();
