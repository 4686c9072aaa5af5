// `webcam { … }` at the top and `snapshot { … }` in a hook: where the picture comes from and
// how it is shaped. A hook's settings override the file's, which override the defaults;
// flips and rotation left unset follow OctoPrint's own webcam settings at run time.
import type { ObjectNode } from '../../../grammar/ast.js';
import type { CheckContext } from './check-context.js';
import type { CheckedSnapshot } from './checked-model.js';
import { checkUrl } from './check-url.js';
import { readSettings } from './read-settings.js';
import { readDuration, readNumber, readWord } from './setting-values.js';
import { snapshotDefaults, snapshotLimits } from '../../../language/defaults.js';
import { diag } from '../../../language/diagnostic.js';

export const defaultSnapshot: CheckedSnapshot = {
  fit: { ...snapshotDefaults.fit },
  quality: snapshotDefaults.quality,
  timeoutMs: snapshotDefaults.timeoutMs,
};
const { fitMin, fitMax } = snapshotLimits;

export function checkSnapshotSettings(ctx: CheckContext, body: ObjectNode | undefined, base: CheckedSnapshot, where: string, urlKey: string): CheckedSnapshot {
  const s = readSettings(ctx, body, [urlKey, 'fit', 'quality', 'flip', 'rotate', 'timeout'], where);
  const out: CheckedSnapshot = { ...base, fit: { ...base.fit } };
  const url = s.get(urlKey);
  if (url?.value) {
    checkUrl(ctx, url.value, { triggers: [], oauth: null, envOnly: `the snapshot URL`, position: 'url' }, urlKey);
    out.url = url.value;
  }
  const fit = s.get('fit')?.value;
  if (fit && !fit.recovered) {
    if (fit.kind === 'Size' && fit.width >= fitMin && fit.height >= fitMin && fit.width <= fitMax && fit.height <= fitMax) out.fit = { width: fit.width, height: fit.height };
    else ctx.report(diag.settingType(fit.range, { setting: 'fit', expected: "a size from 16 x 16 to 10000 x 10000, such as '640 x 480'" }));
  }
  out.quality = readNumber(ctx, s.get('quality'), snapshotLimits.quality.min, snapshotLimits.quality.max) ?? out.quality;
  const flip = s.get('flip');
  const flipWord = readWord(ctx, flip, 'h, v, both or none');
  if (flip && flipWord !== undefined) {
    if (!['h', 'v', 'both', 'none'].includes(flipWord)) ctx.report(diag.flipValue(flip.value!.range));
    else {
      out.flipH = flipWord === 'h' || flipWord === 'both';
      out.flipV = flipWord === 'v' || flipWord === 'both';
    }
  }
  const rotate = s.get('rotate');
  if (rotate?.value && !rotate.value.recovered) {
    const v = rotate.value;
    if (v.kind === 'Number' && [0, 90, 180, 270].includes(v.value)) out.rotate = v.value;
    else ctx.report(diag.rotateValue(v.range));
  }
  out.timeoutMs = readDuration(ctx, s.get('timeout'), snapshotLimits.timeoutMs.min, snapshotLimits.timeoutMs.max) ?? out.timeoutMs;
  return out;
}
