// `timezone "Europe/Berlin"`: the zone quiet hours are read in. An IANA name the run time's
// Intl knows; the default (no line) is the daemon's own local zone.
import type { TimezoneDecl } from '../../../grammar/ast.js';
import { plainText } from '../../../grammar/condition-text.js';
import { diag } from '../../../language/diagnostic.js';
import { closestName } from '../../schema/did-you-mean.js';
import type { CheckContext } from './check-context.js';

/** Whether Intl accepts the zone (and so the daemon will). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical name, or undefined when the line is broken (reported). */
export function checkTimezone(ctx: CheckContext, decl: TimezoneDecl): string | undefined {
  const v = decl.value;
  if (!v || decl.recovered) return undefined;
  if (v.kind !== 'String' || v.parts.some((p) => p.kind === 'Param')) {
    ctx.report(diag.timezoneNotString(v.range));
    return undefined;
  }
  const name = plainText(v);
  if (!isTimeZone(name)) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const d = diag.unknownTimezone(v.range, { name }, { didYouMean: closestName(name, zones) });
    // The fix replaces the whole string, so it writes the quotes too.
    if (d.suggestions) d.suggestions = d.suggestions.map((s) => ({ ...s, replacement: JSON.stringify(s.replacement) }));
    ctx.report(d);
    return undefined;
  }
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}
