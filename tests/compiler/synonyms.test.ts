// The synonym tables are data the checker trusts: every target must be a real trigger or
// setting, every key written as `synonymKey` writes it, and no key may hide a real name.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { compile } from '../../compiler/compile.js';
import { suggestWithSynonyms, synonymKey } from '../../compiler/schema/did-you-mean.js';
import { triggerSynonyms } from '../../language/trigger-synonyms.js';
import { settingSynonyms } from '../../language/setting-synonyms.js';
import { settingNames } from '../../language/settings-table.js';

const hookSettings = settingNames('hook');
import { isTrigger, triggerNames } from '../../compiler/phases/2-check/check-triggers.js';

test('trigger synonyms name real triggers, under normalized keys that are not triggers themselves', () => {
  const real = new Set(triggerNames().map(synonymKey));
  for (const [key, target] of Object.entries(triggerSynonyms)) {
    assert.ok(isTrigger(target), `${key} → ${target}`);
    assert.is(synonymKey(key), key, `${key} is written normalized`);
    assert.not.ok(real.has(key), `${key} is a trigger's own name`);
  }
});

test('setting synonyms name settings, under normalized keys that are not settings themselves', () => {
  for (const [key, target] of Object.entries(settingSynonyms)) {
    assert.ok(hookSettings.includes(target), `${key} → ${target}`);
    assert.is(synonymKey(key), key);
    assert.not.ok(hookSettings.includes(key), `${key} is a setting`);
  }
});

test('the same name in other case or separators wins, then a synonym, then edit distance; a synonym outside the candidates is not offered', () => {
  assert.is(suggestWithSynonyms('PRINT-DONE', triggerNames(), triggerSynonyms), 'PrintDone');
  assert.is(suggestWithSynonyms('PrintFinished', triggerNames(), triggerSynonyms), 'PrintDone');
  assert.is(suggestWithSynonyms('PrintDoen', triggerNames(), triggerSynonyms), 'PrintDone');
  assert.is(suggestWithSynonyms('PrintFinished', ['PrintFailed', 'Error'], triggerSynonyms), undefined);
  assert.is(suggestWithSynonyms('constructor', triggerNames(), triggerSynonyms), undefined, 'no prototype keys');
});

test("the language reference's OH3010 example gets its suggestion", () => {
  const r = compile('hook done on PrintFinished {\n  url "https://example.com/done"\n}\n');
  assert.equal(r.diagnostics.map((d) => `${d.code} ${d.message}`), ["OH3010 'PrintFinished' is not a trigger or an OctoPrint event. Did you mean 'PrintDone'?"]);
});

test.run();
