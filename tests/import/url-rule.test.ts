// The importer keeps a plugin URL exactly when the checker's URL rule (check-url.ts) takes it:
// one rule, asked by both, so an imported file never fails on a URL the importer let through
// and no URL the checker takes is switched off.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { importPluginSettings } from '../../compiler/import/import-settings.js';
import { compile } from '../../compiler/compile.js';

const urls = ['https://example.com/x', 'http://127.0.0.1:8099/hook', 'https:///path', 'ftp://example.com/x', 'http:/example.com', 'example.com/x', 'https://'];

test('the import switches a hook off exactly when the checker refuses its URL, with the checker\'s reason', () => {
  for (const url of urls) {
    const r = importPluginSettings(`settings_version: 2\nhooks:\n- url: '${url}'\n  data: '{"t": "@topic"}'\n`);
    assert.equal(r.diagnostics.filter((d) => d.severity === 'error'), [], url);
    const refusal = compile(`hook a on PrintDone {\n  url "${url}"\n}\n`).diagnostics.find((d) => d.code === 'OH4001');
    const off = /^\s*enabled false/m.test(r.text);
    assert.is(off, !!refusal, `${url}: the checker ${refusal ? `refuses it (${refusal.message})` : 'takes it'}`);
    if (refusal) {
      // The message's reason, without its closing period or the suggestion after it.
      const why = refusal.message.slice(refusal.message.indexOf(': ') + 2).split(/\.(?:\s|$)/)[0];
      assert.ok(r.text.replace(/\n\s*\/\/\s*/g, ' ').includes(why), `${url}: '${why}' in ${r.text}`);
    }
  }
});

test.run();
