// `device` and `secret` (top level or per hook): text or `@env.NAME`, fixed for the whole
// run. A secret written into the file would be compiled into the module too: warned.
import type { Value } from '../../../grammar/ast.js';
import type { CheckContext } from './check-context.js';
import { checkValue } from './check-value.js';
import { diag } from '../../../language/diagnostic.js';

export function checkSecretValue(ctx: CheckContext, value: Value | undefined, what: string, secret: boolean): Value | null | undefined {
  if (!value || value.recovered) return undefined;
  if (value.kind !== 'String' && value.kind !== 'Param' && value.kind !== 'Number') {
    ctx.report(diag.settingType(value.range, { setting: what, expected: "text in quotes or '@env.NAME'" }));
    return undefined;
  }
  checkValue(ctx, value, { triggers: [], oauth: null, envOnly: `'${what}'`, position: 'value' }, false);
  if (secret && value.kind === 'String' && value.parts.every((p) => p.kind === 'Text') && value.value !== '') {
    ctx.report(diag.literalSecret(value.range, { subject: `The ${what}` }));
  }
  return value;
}
