import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { jsKey, jsString } from '../../compiler/phases/3-emit/js-literal.js';

const t = suite('js-literal');

const hostile = [
  'plain',
  'quote " and \' both',
  'back\\slash \\n not a newline',
  '${process.exit(1)}',
  '`template` ${x}',
  '*/ end of comment /* start',
  '</script><script>alert(1)</script>',
  '<!-- html comment -->',
  'line\u2028separator\u2029paragraph',
  'lone \ud800 high and \udc00 low surrogate',
  'nul \u0000 and bell \u0007',
  '\r\n windows',
  '😀 astral',
];

t('every hostile string round-trips through eval unchanged', () => {
  for (const s of hostile) {
    const lit = jsString(s);
    const back = new Function(`return ${lit};`)() as string;
    assert.is(back, s, `round trip of ${JSON.stringify(s)}`);
    assert.ok(/^[\x20-\x7e]*$/.test(lit), `printable ASCII only: ${lit}`);
    assert.not.match(lit, /</);
  }
});

t('__proto__ becomes a computed key that defines an own property', () => {
  const obj = new Function(`return { ${jsKey('__proto__')}: 1, ${jsKey('a')}: 2 };`)() as Record<string, number>;
  assert.ok(Object.prototype.hasOwnProperty.call(obj, '__proto__'));
  assert.is(Object.getPrototypeOf(obj), Object.prototype);
  assert.is(obj.a, 2);
});

t.run();
