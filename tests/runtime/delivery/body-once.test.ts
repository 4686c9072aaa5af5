// A pending delivery holds its rendered request once in memory: the outbox's stored copy, which
// each attempt decodes (a burst keeps hundreds pending; docs/performance.md, memory). So what
// goes on the wire is always the request as the outbox holds it.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { deserializeRequest } from '../../../runtime/http/prepare-request.js';
import { startRig, type Rig } from '../../support/delivery-rig.js';

const t = suite('delivery: the request held once');
let rig: Rig | undefined;
t.after.each(async () => {
  await rig?.close();
  rig = undefined;
});

t('an attempt sends the request the outbox holds, not a copy kept on the lane', async () => {
  rig = await startRig((url) => `hook api on PrintDone { url "${url}/api" data { extra: @extra } }`);
  rig.engine.pause('api');
  rig.fire('PrintDone', { n: 1 });
  await rig.settle();
  const [stored] = rig.outbox.list();
  assert.is(stored.state, 'pending');
  // What a re-render after a 401 does: the stored request is replaced.
  const request = deserializeRequest(stored.req);
  rig.outbox.replace(stored.id, { ...request, body: Buffer.from('{"extra":{"n":2}}') });
  rig.engine.resume('api');
  await rig.receiver.waitFor(1);
  await rig.settle();
  assert.equal(rig.receiver.requests[0].json, { extra: { n: 2 } });
  assert.is(rig.outbox.list().length, 0, 'delivered');
});

t.run();
