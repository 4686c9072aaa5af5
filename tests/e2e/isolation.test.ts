// One hook's trouble is its own: a hanging target, a token server answering HTML, a broken
// webcam. The other hooks deliver on time, and every log line of the run is free of secrets.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startHarness, type Harness } from '../support/run-daemon.js';

const t = suite('e2e: isolation, oauth, snapshot, meta, redaction');
let h: Harness;
let tokenCalls = 0;
const SECRETS = { LAB_SECRET: 'lab-secret-value', CLIENT_SECRET: 'client-secret-value', HOOK_TOKEN: 'hook-token-value' };

t.before(async () => {
  h = await startHarness(
    (url) => `
secret @env.LAB_SECRET
oauth good {
  url "${url}/oauth/good"
  content form
  data { grant_type: "client_credentials", client_secret: @env.CLIENT_SECRET }
  returns { access_token: string, expires_in: number }
}
oauth broken {
  url "${url}/oauth/html"
  returns { access_token: string }
}
hook hanging on PrintStarted, PrintDone { url "${url}/hang" timeout 1s retry off data { topic: @topic } }
hook fast on PrintStarted, PrintDone { url "${url}/fast" data { topic: @topic, secret: @apiSecret, extra: @extra } }
hook authed on PrintStarted, PrintDone {
  url "${url}/authed"
  oauth good
  headers { Authorization: "Bearer @good.access_token", X-Hook-Token: "@env.HOOK_TOKEN" }
  data { topic: @topic }
}
hook unauthed on PrintDone {
  url "${url}/unauthed"
  oauth broken
  headers { Authorization: "Bearer @broken.access_token" }
}
hook photo on PrintDone {
  url "${url}/photo"
  data { topic: @topic, file: @job.file.name, hash: @meta.hash, image: @snapshot }
  snapshot { fit 320 x 240 }
}
`,
    {
      env: SECRETS,
      respond: async (req, res) => {
        if (req.url.startsWith('/hang')) return; // never answers
        if (req.url.startsWith('/oauth/good')) {
          tokenCalls++;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ access_token: 'tok-abcdef-123456', expires_in: 3600 }));
          return;
        }
        if (req.url.startsWith('/oauth/html')) {
          res.setHeader('content-type', 'text/html');
          res.end('<html><body>Login required</body></html>');
          return;
        }
        res.end('ok');
      },
    },
  );
  const started = Date.now();
  await h.sim.play('done').done;
  await h.settle();
  (h as Harness & { elapsed: number }).elapsed = Date.now() - started;
});
t.after(async () => {
  await h.stop();
});

const at = (prefix: string) => h.receiver.requests.filter((r) => r.url.startsWith(prefix));

t('a hanging target times out without delaying the other hooks', () => {
  assert.is(at('/hang').length, 2);
  assert.is(at('/fast').length, 2);
  const hangStart = at('/hang')[0].receivedAt;
  const fastDone = at('/fast')[1].receivedAt;
  assert.ok(fastDone >= hangStart);
  const timedOut = h.outcomes.filter((o) => o.hook === 'hanging');
  assert.ok(timedOut.every((o) => o.outcome.kind === 'failed' && /OHK_ERR_TIMEOUT/.test(o.outcome.reason)), JSON.stringify(timedOut.map((o) => o.outcome.kind)));
  // The fast hook's Done went out while the hanging hook's first request was still stuck.
  const fastOutcomes = h.outcomes.filter((o) => o.hook === 'fast');
  assert.is(fastOutcomes.length, 2);
});

t('OAuth: the token is fetched once and reused; the header carries it', () => {
  assert.is(tokenCalls, 1);
  const authed = at('/authed');
  assert.is(authed.length, 2);
  for (const r of authed) assert.is(r.headers.authorization, 'Bearer tok-abcdef-123456');
  const tokenRequest = at('/oauth/good')[0];
  assert.match(tokenRequest.raw.toString(), /client_secret=client-secret-value/);
});

t('a token server answering HTML skips only its hook, with a reason a user can act on', () => {
  assert.is(at('/unauthed').length, 0);
  const skipped = h.outcomes.find((o) => o.hook === 'unauthed')!;
  assert.is(skipped.outcome.kind, 'skipped');
  assert.match((skipped.outcome as { reason: string }).reason, /text\/html, not JSON/);
  assert.ok(h.logs.some((l) => /hook=unauthed/.test(l) && /text\/html/.test(l)));
});

t('snapshot: multipart with fields first and a snapshot.jpg part fitted to 320 x 240; @meta from the files API', () => {
  const photo = at('/photo');
  assert.is(photo.length, 1);
  const parts = photo[0].parts!;
  assert.equal(parts.map((p) => p.name), ['topic', 'file', 'hash', 'image']);
  const image = parts[3];
  assert.is(image.filename, 'snapshot.jpg');
  assert.is(image.contentType, 'image/jpeg');
  assert.equal([...image.data.subarray(0, 2)], [0xff, 0xd8]);
  assert.ok(image.data.length > 500);
  assert.match(parts[2].text, /^[0-9a-f]{40}$/, 'meta.hash is the SHA-1 the files API reports');
});

t('no secret in any log line of the run', () => {
  const secrets = [...Object.values(SECRETS), h.sim.apiKey, 'tok-abcdef-123456'];
  assert.ok(h.logs.length > 10);
  for (const line of h.logs) for (const s of secrets) assert.not.ok(line.includes(s), `${s} leaked: ${line}`);
});

t.run();
