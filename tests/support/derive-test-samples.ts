// Derives the sample data of `octohookc test` from the recorded OctoPrint traffic: every
// capture in fixtures/octoprint-captures/push is replayed through the daemon's own intake, and
// the first firing of each trigger (of each PrintFailed reason) is kept with the payload and
// the printer exactly as that firing carried them. The result is the source text of
// compiler/test-event/captured-samples.ts, which the test-samples test compares with it.
import { PrinterState } from '../../runtime/printer-state.js';
import type { PrinterView } from '../../runtime/dispatch/firing.js';
import { captureNames, loadCapture } from './octoprint-captures.js';
import { replayThroughIntake } from './replay-intake.js';

/** The milestone interval the replay asks for: the first Progress firing is 50 %. */
const PROGRESS_EVERY = 50;

interface Derived {
  trigger: string;
  variant: string;
  capture: string;
  payload: unknown;
  milestone: number;
  printer: PrinterView;
}

function variantOf(trigger: string, payload: unknown): string {
  const reason = (payload as { reason?: unknown } | null)?.reason;
  return trigger === 'PrintFailed' && typeof reason === 'string' ? `reason ${reason}` : '';
}

/** A view as a hook sees it: the five roots, without the cached JSON text the daemon carries beside them. */
const plain = ({ state, job, progress, currentZ, offsets }: PrinterView): PrinterView => ({ state, job, progress, currentZ, offsets });

export async function deriveTestSamples(): Promise<{ samples: Derived[]; idlePrinter: PrinterView }> {
  const samples: Derived[] = [];
  const afterEvent: Array<Promise<void>> = [];
  const seen = new Set<string>();
  const names = captureNames().sort();
  for (const capture of names) {
    replayThroughIntake(loadCapture(capture), [{ name: 'preview', every: PROGRESS_EVERY }], (firing) => {
      const variant = variantOf(firing.trigger, firing.payload);
      const key = `${firing.trigger}|${variant}`;
      if (!seen.has(key)) {
        seen.add(key);
        const sample: Derived = { trigger: firing.trigger, variant, capture, payload: firing.payload, milestone: firing.milestone, printer: plain(firing.printer) };
        samples.push(sample);
        // An event's printer is the one after it: a recording has no REST API, so the next
        // `current` (the daemon's fallback), resolved as the replay goes on.
        const after = firing.after?.view(['job', 'state', 'progress']);
        if (after) afterEvent.push(after.then((view) => void (sample.printer = plain(view))));
      }
      return 1;
    });
  }
  // Before anything happened in the first recording: connected, operational, no file.
  const idle = new PrinterState();
  const first = loadCapture(names[0]).find(({ msg }) => 'current' in msg);
  idle.update(first?.msg.current as never);
  await Promise.all(afterEvent);
  return { samples, idlePrinter: plain(idle.current) };
}

const json = (v: unknown) => JSON.stringify(v);

/** The generated module's text. */
export async function testSamplesSource(): Promise<string> {
  const { samples, idlePrinter } = await deriveTestSamples();
  const entry = (s: Derived) =>
    [
      '  {',
      `    trigger: ${json(s.trigger)},`,
      `    variant: ${json(s.variant)},`,
      `    capture: ${json(s.capture)},`,
      `    milestone: ${s.milestone},`,
      `    payload: ${json(s.payload)},`,
      `    printer: ${json(s.printer)},`,
      '  },',
    ].join('\n');
  return [
    '// Generated from the recorded OctoPrint 1.10.3 traffic in fixtures/octoprint-captures/push by',
    '// tests/support/derive-test-samples.ts: each capture replayed through the daemon\'s own intake,',
    '// keeping the first firing of every trigger (and of every PrintFailed reason) with its payload',
    '// and the printer as that firing saw it. Do not edit: `UPDATE=1 npm test` rewrites it, and',
    '// tests/compiler/test-event/test-samples.test.ts fails when it no longer matches the captures.',
    "import type { PrinterView } from '../../runtime/dispatch/firing.js';",
    '',
    'export interface CapturedSample {',
    '  trigger: string;',
    '  /** What tells two samples of one trigger apart (`reason error`), else empty. */',
    '  variant: string;',
    '  /** The recording it came from (fixtures/octoprint-captures/push/NAME.jsonl). */',
    '  capture: string;',
    '  milestone: number;',
    '  payload: unknown;',
    '  printer: PrinterView;',
    '}',
    '',
    'export const capturedSamples: readonly CapturedSample[] = [',
    ...samples.map(entry),
    '];',
    '',
    '/** The printer before anything happened: connected, operational, no file selected. */',
    `export const idlePrinter: PrinterView = ${json(idlePrinter)};`,
    '',
  ].join('\n');
}
