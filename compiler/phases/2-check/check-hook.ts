// One `hook NAME on TRIGGERS { … }`: its settings, its templates against its triggers, and
// the defaults that make it a complete webhook.
import type { HookDecl, ObjectNode, Value } from '../../../grammar/ast.js';
import { placeholderUrl } from '../../../language/defaults.js';
import { contentKinds, type ContentKind } from '../../../runtime/compiled-module.js';
import type { CheckContext } from './check-context.js';
import type { CheckedHook, CheckedQuiet, CheckedSnapshot } from './checked-model.js';
import { checkCondition } from './check-condition.js';
import { checkQuiet } from './check-quiet.js';
import { checkData } from './check-data.js';
import { checkHeaders } from './check-headers.js';
import { checkMessages, defaultMessage } from './check-messages.js';
import { checkSnapshotSettings } from './check-snapshot-settings.js';
import { checkTriggers } from './check-triggers.js';
import { checkUrl } from './check-url.js';
import { readSettings } from './read-settings.js';
import { readBoolean, readDuration, readMethod, readObject, readWord } from './setting-values.js';
import { checkSecretValue } from './check-secret-value.js';
import { checkRetry } from './check-retry.js';
import { checkValue } from './check-value.js';
import { closestName } from '../../schema/did-you-mean.js';
import { diag, firstHere, type Suggestion } from '../../../language/diagnostic.js';
import type { Range } from '../../../language/range.js';
import { defaults as settingDefaults, settingsTable } from '../../../language/settings-table.js';

const table = settingsTable.hook;

export interface FileDefaults {
  device: Value | null;
  secret: Value | null;
  messages: Map<string, Value>;
  snapshot: CheckedSnapshot;
  /** The file's `quiet` line: every hook's unless it has its own. */
  quiet: CheckedQuiet | null;
}

export function checkHook(ctx: CheckContext, decl: HookDecl, defaults: FileDefaults): CheckedHook | undefined {
  if (!decl.name || decl.name.recovered) return undefined;
  const name = decl.name.name;
  // Mid-edit: the hook is checked as far as it goes, but nothing is called missing yet.
  const partial = !!(decl.recovered || decl.body?.recovered);
  const triggers = checkTriggers(ctx, decl);
  const events = triggers.map((t) => t.event);
  const s = readSettings(ctx, decl.body, 'hook', `hook '${name}'`);
  const uses = new Set<string>();

  let oauth: string | null = null;
  const o = s.get('oauth');
  const oname = readWord(ctx, o, 'the name of an oauth block');
  if (o && oname !== undefined) {
    if (ctx.oauth.has(oname)) {
      oauth = oname;
      ctx.usedOAuth.add(oname);
    } else ctx.report(diag.unknownOAuth(o.value!.range, { name: oname }, { didYouMean: closestName(oname, [...ctx.oauth.keys()]) }));
  }
  const scope = { triggers: events, oauth, position: 'value' as const, uses };
  ctx.semantic.hooks.push({ name, range: decl.range, triggers: events, oauth });

  const method = readMethod(ctx, s.get('method')) ?? settingDefaults.method;
  const isGet = method === 'GET';

  const url = s.get('url')?.value;
  if (!url && !partial) ctx.report(diag.missingSetting(decl.name.range, { subject: `Hook '${name}'`, needs: "a 'url'" }, { suggestions: addUrl(decl) }));
  else checkUrl(ctx, url, scope, 'url');

  const headers = checkHeaders(ctx, readObject(ctx, s.get('headers')), scope);

  const dataNode: ObjectNode | undefined = readObject(ctx, s.get('data'));
  const data = dataNode ? checkData(ctx, dataNode, scope, isGet) : null;
  const snapshotKey = data?.snapshotKey ?? null;

  let content: ContentKind = snapshotKey ? 'multipart' : 'json';
  const contentEntry = s.get('content');
  const c = readWord(ctx, contentEntry, table.content.reader.what);
  if (contentEntry && c !== undefined) {
    const range = contentEntry.value!.range;
    if (!table.content.reader.values.includes(c)) ctx.report(diag.unknownContent(range, { content: c }));
    else if (isGet) ctx.report(diag.getWithBody(range, { problem: `'content ${c}' does not apply` }));
    else if (snapshotKey && c !== 'multipart') ctx.report(diag.snapshotMakesMultipart(range, { content: c }));
    else {
      content = c as ContentKind;
      if (c === 'multipart' && !snapshotKey) ctx.report(diag.multipartWithoutSnapshot(range));
    }
  }

  const ownDevice = checkSecretValue(ctx, s.get('device')?.value, 'device', false);
  const device = ownDevice ?? defaults.device;
  const secret = checkSecretValue(ctx, s.get('secret')?.value, 'secret', true) ?? defaults.secret;

  const own = checkMessages(ctx, readObject(ctx, s.get('messages'), 'a block of messages'), events, oauth, uses);
  const messages = new Map<string, Value>();
  for (const event of events) {
    const chosen = own.get(event) ?? defaults.messages.get(event);
    if (chosen) messages.set(event, chosen);
    else {
      const d = defaultMessage(event);
      for (const p of d.parts) if (p.kind === 'Param') uses.add(p.segments[0].name);
      messages.set(event, d);
    }
  }
  // Messages from the file's block are read in this hook too.
  for (const event of events) {
    const v = defaults.messages.get(event);
    if (v && !own.has(event)) collectRoots(v, uses);
  }

  const enabled = readBoolean(ctx, s.get('enabled')) ?? settingDefaults.enabled;
  if (!enabled) ctx.report(diag.disabledHook(s.get('enabled')!.value!.range, { name }));
  const timeoutMs = readDuration(ctx, s.get('timeout'), table.timeout.reader) ?? settingDefaults.hookTimeoutMs;
  const cooldownMs = readDuration(ctx, s.get('cooldown'), table.cooldown.reader) ?? settingDefaults.cooldownMs;
  const retryDelaysMs = checkRetry(ctx, s.get('retry'));
  const sign = checkSign(ctx, s.get('sign')?.value);
  const snapshot = checkSnapshotSettings(ctx, readObject(ctx, s.get('snapshot')), defaults.snapshot, `the snapshot block of hook '${name}'`, 'snapshot');
  const conditions = decl.conditions.flatMap((w) => checkCondition(ctx, w, scope));
  let quiet = defaults.quiet;
  decl.quiet.forEach((q, i) => {
    if (i > 0) ctx.report(diag.duplicateSetting(q.keyword, { name: 'quiet' }, { related: [firstHere(decl.quiet[0].keyword, "'quiet' is first set here.")] }));
    else quiet = checkQuiet(ctx, q, { name, triggers: events }) ?? null;
  });

  return {
    name,
    enabled,
    triggers,
    method,
    content,
    url: url ?? { kind: 'String', value: '', parts: [], quote: '"', range: decl.name.range },
    headers,
    data: data ? data.entries : null,
    snapshotKey,
    snapshot,
    oauth,
    device,
    ownDevice: !!ownDevice,
    secret,
    messages,
    timeoutMs,
    cooldownMs,
    retryDelaysMs,
    sign,
    uses,
    conditions,
    quiet,
  };
}

function collectRoots(v: Value, into: Set<string>): void {
  if (v.kind === 'Param') into.add(v.segments[0]?.name ?? '');
  else if (v.kind === 'String') for (const p of v.parts) if (p.kind === 'Param') into.add(p.segments[0]?.name ?? '');
}

/** `sign @env.NAME`: only from the environment, so the secret is never in the file or the module. */
function checkSign(ctx: CheckContext, v: Value | undefined): Value | null {
  if (!v || v.recovered) return null;
  const isEnv = (v.kind === 'Param' && v.segments[0]?.name === 'env') || (v.kind === 'String' && v.parts.length === 1 && v.parts[0].kind === 'Param' && v.parts[0].segments[0]?.name === 'env');
  if (!isEnv) {
    ctx.report(diag.signSecret(v.range));
    return null;
  }
  checkValue(ctx, v, { triggers: [], oauth: null, envOnly: "'sign'", position: 'value' }, false);
  return v;
}

function isContentKind(word: string): word is ContentKind {
  return (contentKinds as readonly string[]).includes(word);
}

/** The quick fix for a hook without a URL: a first line in its block, with a stand-in to replace. */
function addUrl(decl: HookDecl): Suggestion[] {
  const body = decl.body;
  if (!body || body.recovered) return [];
  const indent = ' '.repeat(decl.keyword.start.column - 1);
  const open = body.range.start;
  const at: Range = { start: { line: open.line, column: open.column + 1, offset: open.offset + 1 }, end: { line: open.line, column: open.column + 1, offset: open.offset + 1 } };
  // What followed '{' on its own line stays on a line of its own.
  const sameLine = body.entries.length > 0 ? body.entries[0].range.start.line === open.line : body.range.end.line === open.line;
  const replacement = `\n${indent}  url "${placeholderUrl}"${sameLine ? `\n${indent}` : ''}`;
  return [{ title: "Add a 'url'", range: at, replacement }];
}
