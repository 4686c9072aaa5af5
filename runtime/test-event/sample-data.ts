// Sample data for `octohookc test`, like the plugin's "Send Test Webhook": its test payload
// as `@extra` for the print events (without the `popup` and `hook_index` keys that leaked
// into the plugin's), milestone 50 for Progress, and a printer mid-print shaped exactly like
// OctoPrint's `current` message. Events without a curated sample get one derived from
// their schema, so every trigger a hook can name has a typed sample.
import { schemaTables } from '../../compiler/schema/tables.js';
import type { SchemaType } from '../../compiler/schema/schema-types.js';
import { resolveType } from '../../compiler/schema/type-utils.js';
import type { PrinterView } from '../dispatch/firing.js';

/** The plugin's test payload (docs/plugin-compatibility.md#the-test-event). */
const pluginTestPayload = { name: 'example.gcode', path: 'example.gcode', origin: 'local', size: 242038, owner: 'example_user', time: 50.237335886 };

const curated: Record<string, unknown> = {
  PrintStarted: { name: 'example.gcode', path: 'example.gcode', origin: 'local', size: 242038, owner: 'example_user', user: 'example_user' },
  PrintDone: pluginTestPayload,
  PrintFailed: { ...pluginTestPayload, reason: 'cancelled', progress: 14, user: 'example_user' },
  PrintPaused: { name: 'example.gcode', path: 'example.gcode', origin: 'local', size: 242038, owner: 'example_user', user: 'example_user', progress: 14, fileposition: 35087 },
  PrintResumed: { name: 'example.gcode', path: 'example.gcode', origin: 'local', size: 242038, owner: 'example_user', user: 'example_user' },
  PrintCancelled: { ...pluginTestPayload, user: 'example_user', progress: 14, fileposition: 35087 },
  Error: { error: 'Printer halted. kill() called!', reason: 'firmware', consequence: 'emergency', faq: 'firmware-kill_called' },
  UserActionNeeded: { reason: 'busy', line: 'echo:busy: paused for user' },
  Progress: { milestone: 50, completion: 50 },
  ZChange: { new: 0.6, old: 0.4 },
};

export const sampleMilestone = 50;

export const samplePrinter: PrinterView = {
  state: {
    text: 'Printing',
    flags: { operational: true, printing: true, cancelling: false, pausing: false, resuming: false, finishing: false, closedOrError: false, error: false, paused: false, ready: false, sdReady: true },
    error: '',
  },
  job: {
    file: { name: 'example.gcode', path: 'example.gcode', display: 'example.gcode', origin: 'local', size: 242038, date: 1764300000 },
    estimatedPrintTime: 476.05,
    averagePrintTime: null,
    lastPrintTime: null,
    filament: { tool0: { length: 810.4, volume: 5.36 } },
    user: 'example_user',
  },
  progress: { completion: 50, filepos: 121019, printTime: 238, printTimeLeft: 238, printTimeLeftOrigin: 'estimate' },
  currentZ: 4.2,
  offsets: {},
};

export const sampleMeta = {
  hash: '0123456789abcdef0123456789abcdef01234567',
  analysis: {
    estimatedPrintTime: 476.05,
    filament: { tool0: { length: 810.4, volume: 5.36 } },
    dimensions: { width: 60, depth: 60, height: 20 },
    printingArea: { minX: 20, maxX: 80, minY: 20, maxY: 80, minZ: 0, maxZ: 20 },
  },
  history: [{ timestamp: 1764290000.5, success: true, printerProfile: '_default', printTime: 470.2 }],
  statistics: { averagePrintTime: { _default: 470.2 }, lastPrintTime: { _default: 470.2 } },
};

function sampleOf(type: SchemaType, field = '', depth = 0): unknown {
  if (depth > 8) return null;
  const t = resolveType(type);
  switch (t.kind) {
    case 'string':
      return field === 'name' || field === 'path' ? 'example.gcode' : field === 'origin' ? 'local' : 'example';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'null':
    case 'unknown':
      return null;
    case 'literal':
      return t.value;
    case 'array':
      return [sampleOf(t.element, field, depth + 1)];
    case 'union': {
      const member = t.types.find((m) => resolveType(m).kind !== 'null') ?? t.types[0];
      return member ? sampleOf(member, field, depth + 1) : null;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, f] of Object.entries(t.fields)) out[name] = sampleOf(f.type, name, depth + 1);
      return out;
    }
    default:
      return null;
  }
}

/** The `@extra` a test of `trigger` uses. */
export function samplePayload(trigger: string): unknown {
  if (trigger in curated) return curated[trigger];
  const event = schemaTables.events[trigger];
  if (!event) return {};
  return sampleOf(event.payload) ?? {};
}
