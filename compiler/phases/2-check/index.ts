// Phase 2: what the file means. Top-level declarations first (so hooks can see every oauth
// block and the file's defaults wherever they are written), then each hook.
import type { OhkFile, Value } from '../../../grammar/ast.js';
import { diag, firstHere, type Diagnostic } from '../../../language/diagnostic.js';
import type { Range } from '../../../language/range.js';
import { CheckContext } from './check-context.js';
import type { CheckedFile, CheckedHook, CheckedPrinter, CheckedQuiet, CheckedSnapshot } from './checked-model.js';
import { checkQuiet } from './check-quiet.js';
import { checkTimezone } from './check-timezone.js';
import { checkHook, type FileDefaults } from './check-hook.js';
import { checkMessages } from './check-messages.js';
import { checkOAuth } from './check-oauth.js';
import { checkFrom, checkPrinter } from './check-printers.js';
import { checkSecretValue } from './check-secret-value.js';
import { checkSnapshotSettings, defaultSnapshot } from './check-snapshot-settings.js';
import { checkStatus } from './check-status.js';
import { checkUrl } from './check-url.js';
import { readSettings } from './read-settings.js';
import type { SemanticModel } from './semantic-model.js';

export interface CheckResult {
  model: CheckedFile;
  diagnostics: Diagnostic[];
  /** Settings, parameters and scopes as read: what the editor features look up. */
  semantic: SemanticModel;
}

export function check(file: OhkFile): CheckResult {
  const ctx = new CheckContext();
  const once = new Map<string, Range>();
  const first = (name: string, range: Range) => {
    const earlier = once.get(name);
    if (earlier) {
      ctx.report(diag.duplicateBlock(range, { name }, { related: [firstHere(earlier, `'${name}' is first set here.`)] }));
      return false;
    }
    once.set(name, range);
    return true;
  };

  let device: Value | null = null;
  let secret: Value | null = null;
  let messages = new Map<string, Value>();
  let snapshot: CheckedSnapshot = defaultSnapshot;
  const octoprint: CheckedFile['octoprint'] = { url: null, apikey: null };
  let status: CheckedFile['status'] = null;
  const printers: CheckedPrinter[] = [];
  const printerNames = new Map<string, Range>();
  let octoprintBlock: Range | undefined;
  let timezone: string | null = null;
  let quiet: CheckedQuiet | null = null;

  for (const item of file.items) {
    // A block the parser had to patch up (say, its '}' is not typed yet) is still checked,
    // entry by entry: its readers skip the entries that were patched. Only top-level values
    // that are themselves broken are left alone.
    if (item.recovered && (item.kind === 'Device' || item.kind === 'Secret')) continue;
    switch (item.kind) {
      case 'Device':
        if (first('device', item.keyword)) device = checkSecretValue(ctx, item.value, 'device', false) ?? null;
        break;
      case 'Secret':
        if (first('secret', item.keyword)) secret = checkSecretValue(ctx, item.value, 'secret', true) ?? null;
        break;
      case 'OAuth': {
        const o = checkOAuth(ctx, item);
        if (!o) break;
        if (ctx.oauth.has(o.name)) ctx.report(diag.duplicateOAuth(item.name!.range, { name: o.name }));
        else ctx.oauth.set(o.name, o);
        break;
      }
      case 'Printer': {
        const p = checkPrinter(ctx, item);
        if (!item.name || item.name.recovered) break;
        const name = item.name.name;
        const earlier = printerNames.get(name);
        if (earlier) {
          ctx.report(diag.duplicatePrinter(item.name.range, { name }, { related: [firstHere(earlier, `Printer '${name}' is first defined here.`)] }));
          break;
        }
        printerNames.set(name, item.name.range);
        if (p) printers.push(p);
        break;
      }
      case 'Block': {
        const kw = item.keyword.name;
        if (!first(kw, item.keyword.range)) break;
        if (kw === 'octoprint') octoprintBlock = item.keyword.range;
        if (kw === 'messages') messages = checkMessages(ctx, item.body, null, null);
        else if (kw === 'status') status = checkStatus(ctx, item.body);
        else if (kw === 'webcam') snapshot = checkSnapshotSettings(ctx, item.body, defaultSnapshot, 'webcam', 'webcam');
        else if (kw === 'octoprint') {
          const s = readSettings(ctx, item.body, 'octoprint', 'octoprint');
          const url = s.get('url')?.value;
          if (url) {
            checkUrl(ctx, url, { triggers: [], oauth: null, envOnly: 'the octoprint block', position: 'url' }, 'url');
            octoprint.url = url;
          }
          octoprint.apikey = checkSecretValue(ctx, s.get('apikey')?.value, 'apikey', true) ?? null;
        }
        break;
      }
      case 'Timezone':
        if (first('timezone', item.keyword)) timezone = checkTimezone(ctx, item) ?? null;
        break;
      case 'Quiet':
        if (first('quiet', item.keyword)) quiet = checkQuiet(ctx, item) ?? null;
        break;
      case 'Hook':
        break;
    }
  }

  // Which OctoPrint an `octoprint` block would address in a farm is anyone's guess: refused.
  if (octoprintBlock && printerNames.size > 0) ctx.report(diag.octoprintWithPrinters(octoprintBlock));

  const defaults: FileDefaults = { device, secret, messages, snapshot, quiet };
  const hooks: CheckedHook[] = [];
  const names = new Map<string, Range>();
  for (const item of file.items) {
    if (item.kind !== 'Hook') continue;
    const from = checkFrom(ctx, item.from, printerNames);
    const hook = checkHook(ctx, item, defaults);
    if (!hook) continue;
    if (from) hook.from = from;
    const earlier = names.get(hook.name);
    if (earlier) {
      ctx.report(diag.duplicateHook(item.name!.range, { name: hook.name }, { related: [firstHere(earlier, `Hook '${hook.name}' is first defined here.`)] }));
      continue;
    }
    names.set(hook.name, item.name!.range);
    hooks.push(hook);
  }

  for (const [name] of ctx.oauth) {
    if (!ctx.usedOAuth.has(name)) {
      const decl = file.items.find((i) => i.kind === 'OAuth' && i.name?.name === name);
      if (decl && decl.kind === 'OAuth' && decl.name) ctx.report(diag.oauthUnused(decl.name.range, { name }));
    }
  }
  if (hooks.length === 0 && !file.items.some((i) => i.kind === 'Hook')) {
    const end = file.range.end;
    ctx.report(diag.noHooks({ start: { line: 1, column: 1, offset: 0 }, end: end.offset > 0 ? { line: 1, column: 2, offset: 1 } : end }));
  }

  return { model: { octoprint, status, oauth: [...ctx.oauth.values()], printers, hooks, env: ctx.env, timezone }, diagnostics: ctx.diagnostics, semantic: ctx.semantic };
}
