// `oauth NAME { url method content headers data returns }`: a token request made before a
// hook that names it. It runs before any event data exists, so only `@env` may appear; its
// JSON answer becomes `@NAME.…`, typed by `returns`.
import type { OAuthDecl } from '../../../grammar/ast.js';
import type { CheckContext } from './check-context.js';
import type { CheckedOAuth } from './checked-model.js';
import type { OAuthInfo } from './semantic-model.js';
import { checkHeaders } from './check-headers.js';
import { checkUrl } from './check-url.js';
import { checkValue } from './check-value.js';
import { readSettings } from './read-settings.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { readMethod, readObject, readWord } from './setting-values.js';
import { diag } from '../../../language/diagnostic.js';
import { defaults, settingsTable } from '../../../language/settings-table.js';

const table = settingsTable.oauth;
const returnTypes: readonly string[] = table.returns.reader.types;

export function checkOAuth(ctx: CheckContext, decl: OAuthDecl): CheckedOAuth | undefined {
  if (!decl.name || decl.name.recovered) return undefined;
  const name = decl.name.name;
  const where = `oauth ${name}`;
  const scope = { triggers: [], oauth: null, envOnly: `an oauth block`, position: 'value' as const };
  const s = readSettings(ctx, decl.body, 'oauth', `oauth block '${name}'`);

  const url = s.get('url')?.value;
  if (!url && !decl.recovered && !decl.body?.recovered) ctx.report(diag.missingSetting(decl.name.range, { subject: `OAuth block '${name}'`, needs: "a 'url'" }));
  else checkUrl(ctx, url, scope, 'url');

  const method = readMethod(ctx, s.get('method')) ?? defaults.method;
  let content: 'json' | 'form' = 'json';
  const c = readWord(ctx, s.get('content'), table.content.reader.what);
  if (c !== undefined) {
    if (table.content.reader.values.includes(c)) content = c as 'json' | 'form';
    else ctx.report(diag.settingType(s.get('content')!.value!.range, { setting: 'content', expected: 'json or form (a token request sends no file)' }));
  }
  const headers = checkHeaders(ctx, readObject(ctx, s.get('headers')), scope);
  const data = readObject(ctx, s.get('data')) ?? null;
  if (data) checkValue(ctx, data, scope, true);

  const returns: Record<string, string> = {};
  const info: OAuthInfo = { name, nameRange: decl.name.range, fields: new Map() };
  if (!ctx.semantic.oauth.has(name)) ctx.semantic.oauth.set(name, info);
  const r = readObject(ctx, s.get('returns'), "an object of field types, such as '{ access_token: string }'");
  for (const entry of r?.entries ?? []) {
    if (entry.recovered || !entry.value) continue;
    const v = entry.value;
    const type = v.kind === 'Word' ? v.name : v.kind === 'String' ? v.value : '';
    if (!returnTypes.includes(type)) ctx.report(diag.returnsType(v.range, { type: type || where }));
    else {
      returns[entryKey(entry)] = type;
      info.fields.set(entryKey(entry), { type, keyRange: entry.key.range });
    }
  }
  return { name, url: url ?? { kind: 'String', value: '', parts: [], quote: '"', range: decl.range }, method, content, headers, data, returns };
}
