// Every octohookc / octohook command the docs show, run as the user would: through the real
// bin (or a built one-file bundle) in a process of its own, in a scratch folder holding the
// inputs it names. Each must start and end as documented: exit 0, no stack trace, no
// internal error, the files it says it writes written. (Node's exit 9, say for an option
// Node takes for its own, fails here too.)
//
// Extraction rules, kept few on purpose:
// - code blocks only: fenced ```sh, ```bash, ```shell, ```console (there only `$ ` lines), and
//   indented blocks (four spaces after a blank line); inline `code` is prose, often a fragment;
// - a line ending in `\` continues on the next; `# …` comments are dropped;
// - a command is a line whose program, after NAME=value assignments, `npx` and `sudo -u USER`,
//   is `octohookc`, `octohook`, `node bin/octohookc.js`, `node bin/octohook.js` or
//   `node ….bundle.mjs`;
// - paths: `~/x` lives in the scratch home, `/x` under a scratch root, the rest in the scratch
//   folder (`NAME=path`, a farm import's printer, names a path too); a .ohk read is
//   examples/hooks.ohk, a .yaml the plugin fixture, a .mjs a module or bundle built from the example; what follows `-o`, `--secrets-file` or `>` is an output;
//   a file named farm… (farm.ohk, farm.mjs, farm.bundle.mjs) is the print farm examples/farm.ohk or built from it;
// - only the first command of a `&&`, `||`, `|` or `;` chain; `2>…` is dropped;
// - the daemon (`run`, a bundle without a subcommand) runs against the simulator until it is
//   connected, then stops on SIGTERM, with every @env variable of the stand-in example set (the
//   reader's own file reads its own; a farm's printers all address the simulator); a `test` without --dry-run (it would send to the
//   example's real URLs), `lsp` (tests/lsp drives it) and templates with placeholders
//   (FILE, ID…, [--option]) are listed as skipped.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { fixturesDir, projectRoot } from '../support/project-root.js';
import { bins, stackTrace } from '../support/spawn-bin.js';

const t = suite('docs: every command shown runs');

interface DocCommand {
  doc: string;
  line: number;
  text: string;
}

/** The command lines of a Markdown file's code blocks, by the rules above. */
function docCommands(doc: string, markdown: string): DocCommand[] {
  const lines = markdown.split('\n');
  const found: DocCommand[] = [];
  let fence: { lang: string } | null = null;
  let previousBlank = true;
  let inIndented = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const open = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(raw);
    if (open) {
      fence = fence ? null : { lang: open[2].toLowerCase() };
      previousBlank = false;
      continue;
    }
    let code: string | undefined;
    if (fence) {
      if (['sh', 'bash', 'shell'].includes(fence.lang)) code = raw;
      else if (fence.lang === 'console' && raw.startsWith('$ ')) code = raw.slice(2);
    } else {
      inIndented = /^( {4,}|\t)\S/.test(raw) && (inIndented || previousBlank);
      if (inIndented) code = raw.trim();
      previousBlank = raw.trim() === '';
    }
    if (code === undefined) continue;
    const start = i + 1;
    while (code.endsWith('\\') && i + 1 < lines.length) code = code.slice(0, -1) + ' ' + lines[++i].trim();
    const text = code.replace(/(^|\s)#.*$/, '').replace(/\s+/g, ' ').trim();
    if (programOf(tokens(text)) !== undefined) found.push({ doc, line: start, text });
  }
  return found;
}

/** Splits on spaces, keeping '…' and "…" together (without the quotes). */
function tokens(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

interface Parsed {
  env: Record<string, string>;
  /** bins.octohookc, bins.octohook, or the path of a bundle as the doc writes it. */
  program: string;
  kind: 'octohookc' | 'octohook' | 'bundle';
  args: string[];
  stdoutTo?: string;
}

function programOf(words: string[]): Parsed | undefined {
  const env: Record<string, string> = {};
  let i = 0;
  for (;;) {
    if (/^[A-Z_][A-Z0-9_]*=/.test(words[i] ?? '')) {
      const [name, ...value] = words[i++].split('=');
      env[name] = value.join('=');
    } else if (words[i] === 'npx') i++;
    else if (words[i] === 'sudo' && words[i + 1] === '-u') i += 3;
    else break;
  }
  // Only the first command of `a && b`, `a | b`, `a || b`, `a; b`; stderr redirections dropped.
  const end = words.findIndex((w, k) => k >= i && ['&&', '||', '|', ';'].includes(w));
  const rest = words.slice(i, end < 0 ? undefined : end).filter((w, k, all) => !/^2>/.test(w) && all[k - 1] !== '2>');
  let parsed: Parsed | undefined;
  if (rest[0] === 'octohookc' || rest[0] === 'octohook') parsed = { env, program: bins[rest[0]], kind: rest[0], args: rest.slice(1) };
  else if (rest[0] === 'node' && /^(\.\/)?bin\/octohookc?\.js$/.test(rest[1] ?? '')) {
    const kind = rest[1].includes('octohookc') ? 'octohookc' : 'octohook';
    parsed = { env, program: bins[kind], kind, args: rest.slice(2) };
  } else if (rest[0] === 'node' && /\.bundle\.mjs$/.test(rest[1] ?? '')) parsed = { env, program: rest[1], kind: 'bundle', args: rest.slice(2) };
  if (!parsed) return undefined;
  const redirect = parsed.args.indexOf('>');
  if (redirect >= 0) {
    parsed.stdoutTo = parsed.args[redirect + 1];
    parsed.args = parsed.args.slice(0, redirect);
  }
  return parsed;
}

/** Why a command is not run here, or undefined when it is. */
function skipReason(p: Parsed): string | undefined {
  if (p.args.some((a) => /…|\[|^[A-Z][A-Z_]*(\.{3})?$|^<.*>$/.test(a))) return 'a template with placeholders (FILE, ID…, [options])';
  if (p.kind === 'octohookc' && p.args[0] === 'lsp' && !p.args.includes('--help')) return 'a language server on stdio: tests/lsp drives it';
  if (p.kind === 'octohookc' && p.args[0] === 'test' && !p.args.includes('--dry-run') && !p.args.includes('--help')) {
    return "sends to the hooks' real URLs: tests/compiler/cli-test-command.test.ts runs it against a local receiver";
  }
  return undefined;
}

function isDaemon(p: Parsed): boolean {
  if (p.kind === 'octohook') return p.args[0] === 'run' && !p.args.some((a) => a === '--help' || a === '-h');
  if (p.kind === 'bundle') return !p.args.some((a) => ['outbox', '--help', '-h', '--version', '-v'].includes(a));
  return false;
}

const scratchRoot = mkdtempSync(join(tmpdir(), 'octohook-doc-commands-'));
interface Built {
  source: string;
  module: string;
  bundle: string;
  /** The @env variables the example reads: a daemon refuses to start without them. */
  env: Record<string, string>;
  /** What its printer blocks read: `…_URL` an address, the rest a key. */
  printerVars: string[];
}
/** examples/hooks.ohk, and the print farm examples/farm.ohk, built. */
const built: { hooks?: Built; farm?: Built } = {};
/** A file the docs name farm… stands for the farm example. */
const isFarm = (path: string) => /^farm\b/.test(basename(path));
const exampleOf = (path: string): Built => (isFarm(path) ? built.farm! : built.hooks!);

t.before(async () => {
  const sink = { write: () => true };
  for (const name of ['hooks', 'farm'] as const) {
    const b: Built = { source: join(projectRoot, 'examples', `${name}.ohk`), module: join(scratchRoot, `${name}-built.mjs`), bundle: join(scratchRoot, `${name}-built.bundle.mjs`), env: {}, printerVars: [] };
    assert.is(await runBuild([b.source, '-o', b.module], { out: sink, err: sink }), 0);
    assert.is(await runBuild([b.source, '--bundle', '-o', b.bundle], { out: sink, err: sink }), 0);
    const module = (await import(pathToFileURL(b.module).href)) as { default: { env: string[]; printers?: Array<{ needsEnv: string[] }> } };
    b.env = Object.fromEntries(module.default.env.map((v) => [v, `doc-test-${v.toLowerCase()}`]));
    b.printerVars = (module.default.printers ?? []).flatMap((p) => p.needsEnv);
    built[name] = b;
  }
});

t.after(() => rmSync(scratchRoot, { recursive: true, force: true }));

const docs = ['README.md', ...readdirSync(join(projectRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const commands = docs.flatMap((doc) => docCommands(doc, readFileSync(join(projectRoot, doc), 'utf8')));

/** A scratch folder for one command, with its inputs in place; returns how paths map there. */
function scratch(index: number, p: Parsed) {
  const base = join(scratchRoot, `c${index}`);
  const cwd = join(base, 'cwd');
  mkdirSync(cwd, { recursive: true });
  const place = (path: string) => (path.startsWith('~/') ? join(base, 'home', path.slice(2)) : path.startsWith('/') ? join(base, 'root', path) : join(cwd, path));
  const isPath = (w: string) => w.startsWith('/') || w.startsWith('~/') || /\.(ohk|mjs|js|ya?ml|env|json|sarif|map)$/.test(w);
  const outputs = new Set<string>();
  p.args.forEach((a, i) => {
    if (['-o', '--out', '--secrets-file'].includes(p.args[i - 1] ?? '') && isPath(a)) outputs.add(a);
  });
  if (p.stdoutTo) outputs.add(p.stdoutTo);
  // `octohookc import mk3=mk3/config.yaml …`: a printer's NAME= before the path.
  const named = (a: string) => /^[A-Za-z_][\w-]*=(?=.)/.exec(a)?.[0] ?? '';
  const pathOf = (a: string) => a.slice(named(a).length);
  const args = p.args.map((a) => (isPath(pathOf(a)) ? named(a) + place(pathOf(a)) : a));
  const inputs = [...p.args.map(pathOf).filter((a) => isPath(a) && !outputs.has(a)), ...(p.kind === 'bundle' ? [p.program] : [])];
  for (const input of inputs) {
    const at = place(input);
    mkdirSync(dirname(at), { recursive: true });
    const example = exampleOf(input);
    if (input.endsWith('.ohk')) copyFileSync(example.source, at);
    else if (/\.ya?ml$/.test(input)) copyFileSync(join(fixturesDir, 'import', 'hooks-list.yaml'), at);
    else if (input.endsWith('.bundle.mjs')) {
      copyFileSync(example.bundle, at);
      copyFileSync(`${example.bundle}.map`, `${at}.map`);
    } else if (input.endsWith('.mjs')) copyFileSync(example.module, at);
  }
  for (const output of outputs) mkdirSync(dirname(place(output)), { recursive: true });
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.env)) env[name] = value.startsWith('/') || value.startsWith('~/') ? place(value) : value.replace(/…/g, 'doc-placeholder');
  env.OCTOHOOK_STATE_DIR ??= join(base, 'state');
  const farm = inputs.some(isFarm);
  return { cwd, home: join(base, 'home'), args, env, outputs: [...outputs].map(place), script: p.kind === 'bundle' ? place(p.program) : p.program, farm };
}

t('the docs show the commands this test knows to look for (the extraction still works)', () => {
  const shown = commands.map((c) => c.text).join('\n');
  for (const expected of [/octohookc check \S+\.ohk/, /octohookc build \S+\.ohk -o \S+\.mjs/, /--bundle/, /octohookc import \S+ --secrets-file \S+ > \S+\.ohk/, /octohook run \S+\.mjs/, /\.bundle\.mjs outbox list/, /octohookc check \S*farm\.ohk/, /farm\.bundle\.mjs --printers \w+/]) {
    assert.match(shown, expected);
  }
  assert.equal(docCommands('x.md', 'text `octohookc check` in prose\n\n```ohk\noctohookc check a.ohk\n```\n\n```console\n$ npx octohookc check a.ohk   # note\nocto output\n```\n\n    octohookc import b.yaml \\\n      > c.ohk\n'), [
    { doc: 'x.md', line: 8, text: 'npx octohookc check a.ohk' },
    { doc: 'x.md', line: 12, text: 'octohookc import b.yaml > c.ohk' },
  ]);
  const chained = programOf(tokens('A=1 npx octohookc check a.ohk 2>/dev/null && echo ok'))!;
  assert.equal([chained.env, chained.args], [{ A: '1' }, ['check', 'a.ohk']]);
  assert.is(programOf(tokens('sudo -u octohook node /opt/o/hooks.bundle.mjs outbox list'))!.program, '/opt/o/hooks.bundle.mjs');
  assert.ok(skipReason(programOf(tokens('octohook outbox retry ID...'))!));
  assert.ok(skipReason(programOf(tokens('octohookc build FILE.ohk [-o OUT.mjs]'))!));
  assert.is(skipReason(programOf(tokens('octohookc build hooks.ohk -o hooks.mjs'))!), undefined);
});

t('every command shown starts and ends as documented, through the real bin', async () => {
  const sim = await new OctoPrintSimulator({ speed: 10 }).start();
  const skipped: string[] = [];
  const ran: string[] = [];
  try {
    for (const [index, command] of commands.entries()) {
      const where = `${command.doc}:${command.line}: ${command.text}`;
      const parsed = programOf(tokens(command.text))!;
      const reason = skipReason(parsed);
      if (reason) {
        skipped.push(`${where}  (skipped: ${reason})`);
        continue;
      }
      const s = scratch(index, parsed);
      const daemon = isDaemon(parsed);
      const env: Record<string, string | undefined> = { ...process.env, HOME: s.home, ...s.env, OCTOHOOK_DEBUG: undefined, NO_COLOR: '1' };
      // A farm's printers are addressed by their own variables (MK3_URL, MK3_KEY…); OCTOPRINT_* is refused there.
      const printers = Object.fromEntries(built.farm!.printerVars.map((v) => [v, v.endsWith('_URL') ? sim.url : sim.apiKey]));
      if (daemon && s.farm) Object.assign(env, built.farm!.env, printers, s.env);
      else if (daemon) Object.assign(env, built.hooks!.env, s.env, { OCTOPRINT_URL: sim.url, OCTOPRINT_API_KEY: sim.apiKey });
      mkdirSync(s.home, { recursive: true });
      const child = spawn(process.execPath, [s.script, ...s.args], { cwd: s.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const status = await new Promise<number | null>((resolve) => {
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('close', (code) => {
          clearTimeout(killer);
          resolve(code);
        });
        if (daemon) {
          const poll = setInterval(() => {
            if (stderr.includes('Connected to OctoPrint') || child.exitCode !== null) {
              clearInterval(poll);
              child.kill('SIGTERM');
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        }
      });
      ran.push(where);
      const said = `${where}\n--- stdout\n${stdout.slice(0, 2000)}\n--- stderr\n${stderr.slice(0, 2000)}`;
      assert.is(status, 0, said);
      assert.not.match(stderr, stackTrace, said);
      assert.not.match(stderr, /internal error/, said);
      if (daemon) assert.match(stderr, /Connected to OctoPrint/, said);
      if (daemon && s.farm) assert.match(stderr, /starting hooks=\d+ printers=/, said);
      if (parsed.stdoutTo) writeFileSync(s.outputs[s.outputs.length - 1], stdout);
      for (const output of s.outputs) assert.ok(existsSync(output) && statSync(output).size > 0, `${where}: wrote ${output}`);
    }
  } finally {
    await sim.stop();
  }
  // What is not run is named, with why, where the test output shows it.
  if (process.env.OCTOHOOK_DOC_COMMANDS_VERBOSE) console.log(`\n  doc commands run:\n${ran.map((s) => `    ${s}`).join('\n')}`);
  if (skipped.length > 0) console.log(`\n  doc commands not run here:\n${skipped.map((s) => `    ${s}`).join('\n')}`);
});

t.run();
