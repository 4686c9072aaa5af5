// Where a parameter stands decides what it may name (as the checker's ParamScope does): the
// triggers whose data it sees, the oauth block its hook uses, and whether only `@env` is
// allowed because the value is read before any event exists. Completion derives the place
// from the text around the cursor, hover from the tree; both end here.
import type { HookDecl } from '../../grammar/ast.js';
import { isTrigger } from '../phases/2-check/check-triggers.js';
import type { BlockKind } from './cursor-context.js';
import { entryKey } from '../../grammar/entry-key.js';
import { findHook, lastGoodHook, type FileViews } from './file-views.js';

export interface Place {
  /** The top-level item holding the value. */
  block: BlockKind | 'device' | 'secret' | 'none';
  hookName?: string;
  /** Offset of the item's keyword. */
  itemStart?: number;
  /** A hook's header text (`hook api on PrintDone, …`), for its triggers when no tree has the hook. */
  header?: string;
  /** Entry keys from the item's body down to the value: `['data', 'file']`, `['messages', 'Progress']`. */
  keys: string[];
  inString: boolean;
}

export interface ParamEnv {
  /** The triggers whose data the parameter sees: the hook's, or the one a message belongs to. */
  triggers: string[];
  /** All of the hook's triggers. */
  hookTriggers: string[];
  hook?: HookDecl;
  /** The oauth block the hook uses: its name is the only oauth root allowed. */
  oauth: string | null;
  /** Read before any event exists: only `@env.NAME`. */
  envOnly: boolean;
  /** A top-level value of a hook's `data`: the one place `@snapshot` may stand. */
  snapshotAllowed: boolean;
  /** Inside a message text, where `@message` would refer to itself. */
  inMessage: boolean;
}

export function hookTriggerNames(hook: HookDecl): string[] {
  return [...new Set(hook.triggers.map((t) => t.name.name).filter(isTrigger))];
}

/** Triggers read from a header's text: `hook api on PrintDone, Progress every 10%`. */
export function triggersInHeader(header: string): string[] {
  const m = /\bon\b([\s\S]*)$/.exec(header);
  if (!m) return [];
  const names = m[1].split(',').map((part) => /^\s*([A-Za-z_]\w*)/.exec(part)?.[1]).filter((n): n is string => !!n && isTrigger(n));
  return [...new Set(names)];
}

/** The oauth block a hook names (`oauth token`), from the hook or, if it lost the setting mid-edit, its last good version. */
export function hookOAuth(hook: HookDecl | undefined, views: FileViews): string | null {
  for (const h of [hook, lastGoodHook(views, hook?.name?.name)]) {
    const v = h?.body?.entries.find((e) => entryKey(e) === 'oauth')?.value;
    if (v?.kind === 'Word') return v.name;
    if (v?.kind === 'String') return v.value;
  }
  return null;
}

const envOnlyBlocks = new Set<Place['block']>(['oauth', 'octoprint', 'webcam', 'device', 'secret']);

export function paramEnv(place: Place, views: FileViews): ParamEnv {
  const env: ParamEnv = { triggers: [], hookTriggers: [], oauth: null, envOnly: envOnlyBlocks.has(place.block), snapshotAllowed: false, inMessage: false };
  const [first, second] = place.keys;
  if (place.block === 'messages') {
    env.inMessage = true;
    if (first !== undefined && isTrigger(first)) env.triggers = [first];
    return env;
  }
  if (place.block !== 'hook') return env;

  const hook = findHook(views, place.itemStart, place.hookName);
  env.hook = hook;
  env.hookTriggers = hook ? hookTriggerNames(hook) : place.header ? triggersInHeader(place.header) : [];
  if (first === 'device' || first === 'secret' || first === 'snapshot' || first === 'sign') {
    env.envOnly = true;
    return env;
  }
  env.oauth = hookOAuth(hook, views);
  env.triggers = env.hookTriggers;
  if (first === 'messages') {
    env.inMessage = true;
    if (second !== undefined && isTrigger(second)) env.triggers = [second];
  }
  env.snapshotAllowed = first === 'data' && place.keys.length === 2 && !place.inString;
  return env;
}
