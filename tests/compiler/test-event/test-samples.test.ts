// The sample data of `octohookc test` is what the recorded OctoPrint traffic says, not a
// made-up mid-print printer: the generated table matches a fresh derivation from the captures.
// Regenerate on purpose with UPDATE=1 npm test.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/project-root.js';
import { testSamplesSource } from '../../support/derive-test-samples.js';
import { testSamples } from '../../../compiler/test-event/sample-data.js';

const t = suite('test samples');
const tablePath = join(projectRoot, 'compiler', 'test-event', 'captured-samples.ts');

t('compiler/test-event/captured-samples.ts is derived from fixtures/octoprint-captures', async () => {
  const fresh = await testSamplesSource();
  if (process.env.UPDATE === '1') writeFileSync(tablePath, fresh);
  assert.fixture(readFileSync(tablePath, 'utf8'), fresh);
});

t('each trigger gets its recorded situation, variants in recording order; others a derived one', () => {
  const failed = testSamples('PrintFailed');
  assert.equal(failed.map((s) => `${s.source}: ${s.variant}`), ['capture default-error: reason error', 'capture default-pause: reason cancelled']);
  const [afterError, afterCancel] = failed.map((s) => s.printer as { state: { text: string }; job: { file: { name: unknown } }; progress: { completion: unknown } });
  assert.equal([afterError.state.text, afterError.job.file.name, afterError.progress.completion], ['Offline after error', null, null]);
  assert.equal([afterCancel.state.text, afterCancel.job.file.name], ['Operational', 'lab_long.gcode']);
  const progress = testSamples('Progress');
  assert.is(progress[0].milestone, 50);
  assert.equal((progress[0].payload as { milestone: number }).milestone, 50);
  const started = testSamples('PrintStarted')[0].printer as { state: { text: string } };
  assert.is(started.state.text, 'Printing', 'the printer after the event, not the "Operational" before it');
  const filament = testSamples('FilamentChange');
  assert.equal(filament.map((s) => s.source), ['schema']);
  assert.is((filament[0].printer.state as { text: string }).text, 'Printing', 'an event from G-code gets the mid-print printer');
  assert.is((testSamples('Startup')[0].printer.state as { text: string }).text, 'Operational');
});

t.run();
