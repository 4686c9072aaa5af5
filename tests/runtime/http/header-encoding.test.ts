// Header values outside printable ASCII go out as RFC 2047 encoded words (issue 10.4): a
// file name with umlauts or an emoji no longer dead-letters the webhook, and a line break
// in a rendered value can never start a header of its own.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { encodeHeaderValue, needsEncoding } from '../../../runtime/http/header-encoding.js';
import { prepareRequest } from '../../../runtime/http/prepare-request.js';
import { sendRequest } from '../../../runtime/http/send-request.js';
import { startReceiver } from '../../support/receiver.js';
import { decodeRfc2047 } from '../../support/rfc2047.js';

const t = suite('header encoding (RFC 2047)');

t('printable ASCII is sent unchanged', () => {
  for (const v of ['', 'Prusa MK3S: Print Done', 'Bearer abc.def', 'a=b?c', '~!@#$%^&*()_+{}|:"<>?']) {
    assert.not.ok(needsEncoding(v), v);
    assert.is(encodeHeaderValue(v), v);
  }
});

t('non-ASCII, emoji and control characters are encoded and decode back to the original', () => {
  for (const v of ['Würfel — Teil 1.gcode', 'Druck fertig 🎉', 'line one\r\nline two', 'tab\there', 'nul\0', 'del\x7f', 'é']) {
    const sent = encodeHeaderValue(v);
    assert.ok(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(sent), `plain ASCII without control characters: ${JSON.stringify(sent)}`);
    assert.match(sent, /^=\?UTF-8\?[BQ]\?/);
    assert.is(decodeRfc2047(sent), v);
  }
});

t('a printable value that reads as an encoded word is encoded too, so it arrives as written', () => {
  const v = 'literally =?utf-8?q?hi?= here';
  assert.ok(needsEncoding(v));
  assert.is(decodeRfc2047(encodeHeaderValue(v)), v);
});

t('long values become words of at most 75 characters, joined by one space, never splitting a character', () => {
  const v = 'Würfel — Teil 1 🎲 '.repeat(12) + 'ünd ein sehr langer Dateiname mit Emoji 🧊🧊🧊.gcode';
  const sent = encodeHeaderValue(v);
  const words = sent.split(' ');
  assert.ok(words.length > 3, sent);
  for (const w of words) {
    assert.ok(w.length <= 75, `${w.length}: ${w}`);
    assert.match(w, /^=\?UTF-8\?B\?[A-Za-z0-9+/]+={0,2}\?=$/);
  }
  // The test decoder decodes each word on its own with a fatal UTF-8 decoder: a character
  // split across two words would throw here.
  assert.is(decodeRfc2047(sent), v);
});

t('prepareRequest encodes; the receiver gets the encoded header and decodes the original', async () => {
  const rx = await startReceiver();
  try {
    const title = 'Prusa MK3S: Würfel — Teil 1.gcode ✅';
    const req = prepareRequest({ method: 'POST', content: 'json', url: rx.url, headers: { Title: title, Priority: 'default' }, data: null });
    assert.is.not(req.headers.Title, title);
    assert.is(req.headers.Priority, 'default');
    const res = await sendRequest(req);
    assert.ok(res.ok);
    assert.is(rx.requests[0].headers.title, req.headers.Title);
    assert.is(decodeRfc2047(String(rx.requests[0].headers.title)), title);
  } finally {
    await rx.close();
  }
});

t.run();
