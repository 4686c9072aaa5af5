import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { REDACTED, SecretSet, isSensitiveKey, redactText, redactUrl, redactValue } from '../../../runtime/log/redact.js';

test('sensitive keys, case- and separator-insensitive, exact names only', () => {
  for (const k of ['Authorization', 'X-API-KEY', 'x_api_key', 'apikey', 'API_KEY', 'apiSecret', 'secret', 'Password', 'token', 'access_token', 'refresh_token', 'client_secret', 'Webhook-Signature']) {
    assert.ok(isSensitiveKey(k), k);
  }
  for (const k of ['secretary', 'tokens_used', 'topic', 'X-Content-Type-Options', 'content-type', 'keyboard']) {
    assert.not.ok(isSensitiveKey(k), k);
  }
});

test('redactValue replaces sensitive keys at any depth and leaves the input untouched', () => {
  const input = { a: { b: [{ Authorization: 'Bearer x' }, { password: 'p' }] }, topic: 'Print Done', empty: { token: '' } };
  const out = redactValue(input) as typeof input;
  assert.equal(out, { a: { b: [{ Authorization: REDACTED }, { password: REDACTED }] }, topic: 'Print Done', empty: { token: '' } });
  assert.is(input.a.b[0].Authorization, 'Bearer x');
});

test('registered values are replaced inside any string, longest first', () => {
  const s = new SecretSet();
  s.add('abc-secret');
  s.add('abc-secret-longer');
  s.add('ab'); // too short to register
  assert.is(s.size, 2);
  assert.is(redactText('x abc-secret-longer y abc-secret z ab', s), `x ${REDACTED} y ${REDACTED} z ab`);
});

test('Bearer tokens, URL userinfo and credential-like query values', () => {
  assert.is(redactText('Authorization: Bearer eyJ.abc-123_x'), `Authorization: Bearer ${REDACTED}`);
  assert.is(redactText('Basic authentication failed'), 'Basic authentication failed');
  assert.is(redactText('Basic dXNlcjpwYXNz'), `Basic ${REDACTED}`);
  assert.is(redactText('see http://admin:pw@cam.local:8080/?action=snapshot'), `see http://${REDACTED}@cam.local:8080/?action=snapshot`);
  assert.is(redactUrl('http://cam/snap?action=snapshot&apikey=K1&pwd=x&sig=zz'), `http://cam/snap?action=snapshot&apikey=${REDACTED}&pwd=${REDACTED}&sig=${REDACTED}`);
  assert.is(redactUrl('https://u:p@h.example/x'), 'https://h.example/x');
  assert.is(redactText('{"access_token": "abc", "token_type": "Bearer"}'), `{"access_token": "${REDACTED}", "token_type": "Bearer"}`);
  assert.is(redactText('token server at http://h/ answered text/html, not JSON'), 'token server at http://h/ answered text/html, not JSON');
});

test('errors become code + message + cause, redacted, without stacks; cycles are safe', () => {
  const s = new SecretSet();
  s.add('k-12345');
  const cause = new Error('bad key k-12345');
  const err = Object.assign(new Error('outer k-12345', { cause }), { code: 'OHK_ERR_X' });
  const loop: Record<string, unknown> = { name: 'loop' };
  loop.self = loop;
  assert.equal(redactValue({ err, loop }, s), {
    err: { code: 'OHK_ERR_X', message: `outer ${REDACTED}`, cause: `bad key ${REDACTED}` },
    loop: { name: 'loop', self: '[circular]' },
  });
});

test.run();
