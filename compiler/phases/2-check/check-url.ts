// A URL that cannot be valid is caught before a print: wrong or missing scheme, spaces,
// no host. A URL that starts with a parameter (`@env.BASE_URL/x`) can only be checked at
// run time, so only its literal text is looked at.
import type { Value } from '../../../grammar/ast.js';
import type { CheckContext } from './check-context.js';
import { checkParam } from './check-param.js';
import { checkTemplate } from './check-value.js';
import type { ParamScope } from './param-scope.js';
import { withScheme } from '../../../runtime/common/missing-scheme.js';
import { diag } from '../../../language/diagnostic.js';

export function checkUrl(ctx: CheckContext, value: Value | undefined, scope: ParamScope, setting: string): void {
  if (!value) return;
  ctx.semantic.regions.push({ range: value.range, scope: { ...scope, position: 'url' } });
  if (value.recovered) return;
  if (value.kind === 'Param') {
    checkParam(ctx, value, { ...scope, position: 'url' });
    return;
  }
  if (value.kind !== 'String') {
    ctx.report(diag.settingType(value.range, { setting, expected: 'a URL in quotes' }));
    return;
  }
  checkTemplate(ctx, value, { ...scope, position: 'url' });
  const first = value.parts[0];
  const literal = value.parts.length === 1;
  const problem = urlTemplateProblem(first && (first.kind === 'Param' ? { root: first.segments[0]?.name ?? '' } : { text: first.text }), literal);
  // `octopi.local`, `127.0.0.1:5000/x`: the fix is the scheme, so say it (and offer it as a quick fix).
  const fixed = literal && first?.kind === 'Text' ? withScheme(first.text) : undefined;
  if (problem) ctx.report(diag.invalidUrl(value.range, { problem }, fixed === undefined || first === undefined ? undefined : { didYouMean: fixed, didYouMeanRange: first.range }));
}

/**
 * The URL rule, on a template's first part (its text, or the root of the parameter it starts
 * with) and whether that part is all of it. The importer asks it too, before it writes a URL.
 */
export function urlTemplateProblem(first: { text: string } | { root: string } | undefined, complete: boolean): string | undefined {
  if (!first) return 'it is empty';
  if ('root' in first) return first.root === 'env' ? undefined : "it must start with 'http://', 'https://' or '@env.NAME'";
  return urlProblem(first.text, complete);
}

function urlProblem(text: string, complete: boolean): string | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text);
  // `octopi.local:5000` reads as scheme `octopi.local:`; it is a host and port.
  const hostAndPort = complete && scheme !== null && !/^https?:/i.test(text) && withScheme(text) !== undefined;
  if (!scheme || hostAndPort) {
    if (!complete && ('http://'.startsWith(text) || 'https://'.startsWith(text))) return undefined;
    return "it must start with 'http://' or 'https://'";
  }
  const s = scheme[1].toLowerCase();
  if (s !== 'http' && s !== 'https') return `'${scheme[1]}:' is not http or https`;
  if (/\s/.test(text)) return 'it contains white space';
  if (!/^[a-zA-Z]+:\/\//.test(text)) return `'${scheme[1]}:' must be followed by '//'`;
  if (complete) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return `'${text}' does not parse as a URL`;
    }
    if (!url.hostname) return 'it has no host';
  } else if (/^[a-zA-Z]+:\/\/(\/|$)/.test(text) && text.length > s.length + 3) {
    return 'it has no host';
  }
  return undefined;
}
