// `octohookc test --printer NAME` renders through the daemon's own path: the test's firing
// carries its printer (`origin`, as runtime/printer-link.ts makes it), and the module's hook
// is rendered as it is, not a copy whose render functions were wrapped to see `@printer`.
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { moduleFromSource } from '../../../compiler/cli/module-from-source.js';
import { runTestEvent } from '../../../compiler/test-event/run-test-event.js';
import { createLogger } from '../../../runtime/log/logger.js';

test("the test's firing names the printer; the module's hook renders it unchanged", async () => {
  const module = await moduleFromSource(
    `printer mk3 { url "http://127.0.0.1:5001"  apiKey @env.MK3_KEY  device "Prusa MK3S #1" }
printer mini { url "http://maker:pw@127.0.0.1:5002"  apiKey @env.MINI_KEY }
hook done on PrintDone {
  url "http://127.0.0.1:9/@printer.name"
  data { printer: @printer, device: @deviceIdentifier }
}
`,
    'farm.ohk',
  );
  const logger = createLogger({ stream: { write() {} }, level: 'error' });
  for (const [name, url, device] of [['mk3', 'http://127.0.0.1:5001/', 'Prusa MK3S #1'], ['mini', 'http://127.0.0.1:5002/', null]] as const) {
    const [r] = await runTestEvent({ module, trigger: 'PrintDone', dryRun: true, env: { MK3_KEY: 'k1', MINI_KEY: 'k2' }, logger, printer: name });
    if (r.kind !== 'prepared') throw new Error(`not prepared: ${JSON.stringify(r)}`);
    assert.ok(r.hook === module.hooks[0], 'the compiled hook itself');
    assert.equal(r.ctx.printer, { name, url, device });
    assert.is(r.request.url, `http://127.0.0.1:9/${name}`);
    assert.equal(JSON.parse(Buffer.from(r.request.body!).toString()), { printer: { name, url, device }, device: device ?? '' });
  }
});

test('a `when` on @printer holds for the printer the test stands for (the firing carries it)', async () => {
  const module = await moduleFromSource(
    `printer mk3 { url "http://127.0.0.1:5001"  apiKey @env.MK3_KEY }
printer mini { url "http://127.0.0.1:5002"  apiKey @env.MINI_KEY }
hook small on PrintDone {
  url "http://127.0.0.1:9/small"
  when @printer.name == "mini"
}
`,
    'farm.ohk',
  );
  const logger = createLogger({ stream: { write() {} }, level: 'error' });
  const kinds = async (printer: string) => (await runTestEvent({ module, trigger: 'PrintDone', dryRun: true, env: { MK3_KEY: 'k1', MINI_KEY: 'k2' }, logger, printer })).map((r) => r.kind);
  assert.equal(await kinds('mini'), ['prepared']);
  assert.equal(await kinds('mk3'), ['suppressed']);
});

test.run();
