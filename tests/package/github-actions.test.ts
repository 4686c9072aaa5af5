// examples/github-actions/octohook.yml, run here the way GitHub Actions runs it, as far as that
// can be done on one machine: its `run:` steps in order with `bash --noprofile --norc -eo
// pipefail` (what `shell: bash` means there) in a temporary workspace, with the workflow's
// environment, the packed tarball standing in for OCTOHOOK_PACKAGE and a temporary npm prefix
// for --global. The actions it uses are stood in for by checks of their inputs: the SARIF file
// must exist and be SARIF 2.1.0, the artifact's files must exist. A step's `if:` is evaluated
// for the functions the workflow uses; anything else fails the test rather than being guessed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { cleanEnv, packedTarball, type PackedTarball } from '../support/packed-tarball.js';
import { projectRoot } from '../support/project-root.js';

const t = suite('examples/github-actions/octohook.yml, its steps run in a temporary workspace');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  env?: Record<string, string>;
  defaults?: { run?: { shell?: string } };
  permissions?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const workflowPath = join(projectRoot, 'examples', 'github-actions', 'octohook.yml');
const workflow = parse(readFileSync(workflowPath, 'utf8')) as Workflow;
const [job] = Object.values(workflow.jobs);

const HOOKS = `hook done on PrintDone {\n  url  "https://example.org/done"\n  data { file: @job.file.name }\n}\n`;

interface JobRun {
  ws: string;
  /** Step label → what happened to it. */
  steps: Array<{ step: string; outcome: 'success' | 'failure' | 'skipped'; output: string }>;
  failed: boolean;
  uploadedSarif?: { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }> }> };
  artifact?: string[];
}

/** Whether a step runs: its `if:` for the status functions and hashFiles() the workflow uses. */
function shouldRun(step: Step, failed: boolean, ws: string): boolean {
  if (!step.if) return !failed;
  const expr = step.if.replace(/^\$\{\{\s*|\s*\}\}$/g, '');
  let statusChecked = false;
  const terms = expr.split('&&').map((term) => {
    const x = term.trim();
    if (x === '!cancelled()' || x === 'always()') return (statusChecked = true);
    if (x === 'success()') return (statusChecked = true) && !failed;
    if (x === 'failure()') return (statusChecked = true) && failed;
    const hash = /^hashFiles\('([^']+)'\)\s*!=\s*''$/.exec(x);
    if (hash) return existsSync(join(ws, hash[1]));
    throw new Error(`the test does not model the condition '${x}' of step '${step.name ?? step.uses}'`);
  });
  // Without a status function GitHub adds success().
  return terms.every(Boolean) && (statusChecked || !failed);
}

function runJob(packed: PackedTarball, hooksSource: string, label: string): JobRun {
  const base = mkdtempSync(join(packed.dir, `actions-${label}-`));
  const ws = join(base, 'workspace');
  const runnerTemp = join(base, 'runner-temp');
  const prefix = join(base, 'npm-global');
  mkdirSync(ws);
  mkdirSync(runnerTemp);
  writeFileSync(join(ws, workflow.env?.HOOKS ?? 'hooks.ohk'), hooksSource);
  const env = cleanEnv({
    ...workflow.env,
    ...job.env,
    OCTOHOOK_PACKAGE: packed.tarball,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: runnerTemp,
    npm_config_prefix: prefix,
    PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  });
  const result: JobRun = { ws, steps: [], failed: false };
  for (const step of job.steps) {
    const name = step.name ?? step.uses ?? step.run!.split('\n')[0];
    if (!shouldRun(step, result.failed, ws)) {
      result.steps.push({ step: name, outcome: 'skipped', output: '' });
      continue;
    }
    let ok = true;
    let output = '';
    if (step.run !== undefined) {
      assert.not.match(step.run, /\$\{\{/, `step '${name}': expressions in run: are not modelled; use the environment`);
      const script = join(base, `step-${result.steps.length}.sh`);
      writeFileSync(script, step.run);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: ws, env: { ...env, ...step.env }, encoding: 'utf8', timeout: 120_000 });
      ok = r.status === 0;
      output = `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`;
    } else if (step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('actions/setup-node@')) {
      // The workspace is laid out already; Node is the one running these tests.
    } else if (step.uses?.startsWith('github/codeql-action/upload-sarif@')) {
      const file = join(ws, step.with!.sarif_file);
      try {
        result.uploadedSarif = JSON.parse(readFileSync(file, 'utf8'));
        ok = (result.uploadedSarif as unknown as { version: string }).version === '2.1.0';
      } catch (e) {
        ok = false;
        output = String(e);
      }
    } else if (step.uses?.startsWith('actions/upload-artifact@')) {
      const paths = step.with!.path.split('\n').map((p) => p.trim()).filter(Boolean);
      const missing = paths.filter((p) => !existsSync(join(ws, p)));
      ok = missing.length === 0;
      output = missing.length ? `missing: ${missing.join(', ')}` : '';
      if (ok) result.artifact = paths;
    } else {
      throw new Error(`the test has no stand-in for '${step.uses}'`);
    }
    result.steps.push({ step: name, outcome: ok ? 'success' : 'failure', output });
    if (!ok) result.failed = true;
  }
  return result;
}

const outcomes = (r: JobRun) => Object.fromEntries(r.steps.map((s) => [s.step, s.outcome]));
const explain = (r: JobRun) => r.steps.map((s) => `${s.step}: ${s.outcome}\n${s.output}`).join('\n');

let packed: PackedTarball;

t.before(async () => {
  packed = await packedTarball();
});

t('the workflow: bash for every run step, permission to upload SARIF, the four actions', () => {
  assert.is(workflow.defaults?.run?.shell, 'bash');
  assert.is(workflow.permissions?.['security-events'], 'write');
  const uses = job.steps.filter((s) => s.uses).map((s) => s.uses!.replace(/@.*/, ''));
  assert.equal(uses, ['actions/checkout', 'actions/setup-node', 'github/codeql-action/upload-sarif', 'actions/upload-artifact']);
  assert.ok(job.steps.some((s) => s.run?.includes('--format sarif')));
  assert.ok(job.steps.some((s) => s.run?.includes('--bundle')));
});

t('a clean file: every step succeeds, an empty SARIF is uploaded, the bundle is kept', () => {
  const r = runJob(packed, HOOKS, 'clean');
  assert.not.ok(r.failed, explain(r));
  assert.ok(Object.values(outcomes(r)).every((o) => o === 'success'), explain(r));
  assert.equal(r.uploadedSarif!.runs[0].results, []);
  assert.equal(r.artifact, ['hooks.bundle.mjs', 'hooks.bundle.mjs.map']);
  assert.match(readFileSync(join(r.ws, 'hooks.bundle.mjs'), 'utf8'), /with the hooks of hooks\.ohk built in/);
});

t('a file with an error: the check fails the job, its SARIF is still uploaded, nothing is built', () => {
  const r = runJob(packed, HOOKS.replace('@job.file.name', '@job.file.nme'), 'broken');
  assert.ok(r.failed, explain(r));
  assert.equal(outcomes(r), {
    'actions/checkout@v5': 'success',
    'actions/setup-node@v5': 'success',
    'Install octohook': 'success',
    Check: 'failure',
    'Upload the diagnostics to code scanning': 'success',
    'Build the bundle': 'skipped',
    'Keep the bundle': 'skipped',
  });
  const [result] = r.uploadedSarif!.runs[0].results;
  assert.is(result.ruleId, 'OH2101');
  assert.equal(result.locations[0].physicalLocation.artifactLocation, { uri: 'hooks.ohk', uriBaseId: '%SRCROOT%' });
  assert.not.ok(existsSync(join(r.ws, 'hooks.bundle.mjs')));
});

t.run();
