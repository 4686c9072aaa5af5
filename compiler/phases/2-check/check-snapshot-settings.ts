// `webcam { … }` at the top and `snapshot { … }` in a hook: where the picture comes from and
// how it is shaped. A hook's settings override the file's, which override the defaults;
// flips and rotation left unset follow OctoPrint's own webcam settings at run time.
import type { ObjectNode } from '../../../grammar/ast.js';
import type { CheckContext } from './check-context.js';
import type { CheckedSnapshot } from './checked-model.js';
import { checkUrl } from './check-url.js';
import { readSettings } from './read-settings.js';
import { readDuration, readNumber, readWord } from './setting-values.js';
import { diag } from '../../../language/diagnostic.js';
import { defaults, settingsTable } from '../../../language/settings-table.js';

export const defaultSnapshot: CheckedSnapshot = { ...defaults.snapshot, fit: { ...defaults.snapshot.fit } };

/** `webcam` calls the picture's address `snapshot`, a hook's `snapshot` block calls it `url`. */
export function checkSnapshotSettings(ctx: CheckContext, body: ObjectNode | undefined, base: CheckedSnapshot, where: string, block: 'webcam' | 'snapshot'): CheckedSnapshot {
  const s = readSettings(ctx, body, block, where);
  const table = settingsTable[block];
  const urlKey = block === 'webcam' ? 'snapshot' : 'url';
  const out: CheckedSnapshot = { ...base, fit: { ...base.fit } };
  const url = s.get(urlKey);
  if (url?.value) {
    checkUrl(ctx, url.value, { triggers: [], oauth: null, envOnly: `the snapshot URL`, position: 'url' }, urlKey);
    out.url = url.value;
  }
  const fit = s.get('fit')?.value;
  if (fit && !fit.recovered) {
    const { min, max } = table.fit.reader;
    if (fit.kind === 'Size' && fit.width >= min && fit.height >= min && fit.width <= max && fit.height <= max) out.fit = { width: fit.width, height: fit.height };
    else ctx.report(diag.settingType(fit.range, { setting: 'fit', expected: `a size from ${min} x ${min} to ${max} x ${max}, such as '640 x 480'` }));
  }
  out.quality = readNumber(ctx, s.get('quality'), table.quality.reader) ?? out.quality;
  const flip = s.get('flip');
  const flipWord = readWord(ctx, flip, table.flip.reader.what);
  if (flip && flipWord !== undefined) {
    if (!table.flip.reader.values.includes(flipWord)) ctx.report(diag.flipValue(flip.value!.range));
    else {
      out.flipH = flipWord === 'h' || flipWord === 'both';
      out.flipV = flipWord === 'v' || flipWord === 'both';
    }
  }
  const rotate = s.get('rotate');
  if (rotate?.value && !rotate.value.recovered) {
    const v = rotate.value;
    if (v.kind === 'Number' && table.rotate.reader.values.includes(v.value)) out.rotate = v.value;
    else ctx.report(diag.rotateValue(v.range));
  }
  out.timeoutMs = readDuration(ctx, s.get('timeout'), table.timeout.reader) ?? out.timeoutMs;
  return out;
}
