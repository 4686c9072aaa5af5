// Reads a settings block (`{ url "…" method POST … }`) against the settings table's names for it:
// unknown names get a did-you-mean (`body` → `data` from the synonyms), repeats are reported, and each known setting's entry
// is handed back by name for the block's own checks.
import type { ObjectEntry, ObjectNode } from '../../../grammar/ast.js';
import { suggestWithSynonyms } from '../../schema/did-you-mean.js';
import type { CheckContext } from './check-context.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { settingSynonyms } from '../../../language/setting-synonyms.js';
import { diag, firstHere } from '../../../language/diagnostic.js';
import { settingNames, settingSpec, type SettingsBlock } from '../../../language/settings-table.js';

export function readSettings(
  ctx: CheckContext,
  body: ObjectNode | undefined,
  block: SettingsBlock,
  where: string,
): Map<string, ObjectEntry> {
  const seen = new Map<string, ObjectEntry>();
  if (!body) return seen;
  const allowed = settingNames(block);
  for (const entry of body.entries) {
    // A patched-up entry counts only when it holds a block still being typed.
    if (entry.recovered && entry.value?.kind !== 'Object' && entry.value?.kind !== 'Array') continue;
    const name = entryKey(entry);
    if (!allowed.includes(name)) {
      ctx.report(diag.unknownSetting(entry.key.range, { name, block: where }, { didYouMean: suggestWithSynonyms(name, allowed, settingSynonyms) }));
      continue;
    }
    const earlier = seen.get(name);
    if (earlier) {
      ctx.report(diag.duplicateSetting(entry.key.range, { name }, { related: [firstHere(earlier.key.range, `'${name}' is first set here.`)] }));
      continue;
    }
    seen.set(name, entry);
    ctx.semantic.settings.push({ spec: settingSpec(block, name)!, entry, owner: where });
  }
  return seen;
}
