// Sample data for `octohookc test`: for every trigger the payload and the printer as a real
// firing carried them, taken from the recorded OctoPrint traffic (captured-samples.ts, derived
// from fixtures/octoprint-captures). So a preview of PrintFailed after a firmware error shows
// what the hook will really get: no job, no progress, "Offline after error".
// Triggers the recordings never saw get a payload built from their schema, and the printer of
// the nearest recorded situation: the mid-print one for events that come from G-code while a
// print runs (the ZChange sample), else the idle one. That is derived, not recorded, and says so.
import { schemaTables } from '../schema/tables.js';
import type { SchemaType } from '../schema/schema-types.js';
import { resolveType } from '../schema/type-utils.js';
import type { PrinterView } from '../../runtime/dispatch/firing.js';
import { capturedSamples, idlePrinter } from './captured-samples.js';

export interface TestSample {
  trigger: string;
  /** What tells two samples of one trigger apart (`reason error`), else empty. */
  variant: string;
  /** Where it came from: `capture default-done`, or `schema` for a trigger never recorded. */
  source: string;
  payload: unknown;
  milestone: number;
  printer: PrinterView;
}

/** Uncaptured events OctoPrint fires from G-code or the timelapse while a print runs. */
const duringPrint = new Set([
  'Alert', 'CaptureDone', 'CaptureFailed', 'CaptureStart', 'CommandSuppressed', 'Conveyor', 'Cooling', 'Dwelling',
  'Eject', 'FilamentChange', 'InvalidToolReported', 'PowerOff', 'PowerOn', 'ToolChange', 'Waiting',
]);

/** `@meta` is the files API's answer, which the push recordings do not hold: a written example of its shape. */
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

/** The samples of `trigger`, the one `--event` uses first; never empty. */
export function testSamples(trigger: string): TestSample[] {
  const captured = capturedSamples.filter((c) => c.trigger === trigger);
  if (captured.length > 0) return captured.map((c) => ({ ...c, source: `capture ${c.capture}` }));
  const event = schemaTables.events[trigger];
  const midPrint = duringPrint.has(trigger) ? capturedSamples.find((c) => c.trigger === 'ZChange')?.printer : undefined;
  return [{ trigger, variant: '', source: 'schema', payload: event ? (sampleOf(event.payload) ?? {}) : {}, milestone: 0, printer: midPrint ?? idlePrinter }];
}
