// `octohookc build --bundle`: one ES module file holding the daemon and the compiled hooks,
// runnable as `node OUT.mjs` on a printer host, with its source map beside it.
//
// Why no bundler runs here: the daemon part never changes between builds, so the package build
// (scripts/build.mjs) bundles and minifies it once with esbuild into a template,
// dist/runtime/cli/octohook-standalone.js, plus its source map. A --bundle build appends the
// compiled hooks to that template. This keeps esbuild, a native binary, a build-time tool
// only (`octohookc` needs no extra dependency and works wherever Node does), and a bundle
// takes milliseconds. It is safe because the compiled module is, by contract, a standalone
// ES module without imports that ends in one `export default`: it becomes the body of a
// function declaration, `__octohookHooks`, which the template calls. The hooks stay
// readable at the end of the file: they are a few kilobytes, and on the printer host one can
// see exactly what is built in. No @env value is in either part: they are read at run time.
//
// The source map is the template's, shifted by the header lines; the hooks part is unmapped
// (it is its own source).
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFirstLineEnd } from '../../runtime/one-file-bundle.js';
import { nodeEngines } from '../../runtime/package-facts.js';
import { IoError, refuseFolder, writeOutput } from './io.js';
import { version } from './version.js';

/** Where the package build put the template (same relative place in dist/ for every layout). */
export function templatePath(): string {
  return fileURLToPath(new URL('../../runtime/cli/octohook-standalone.js', import.meta.url));
}

/** `hooks.ohk` → `hooks.bundle.mjs` (beside the source). */
export function defaultBundleOutput(file: string): string {
  return file.replace(/\.ohk$/i, '') + '.bundle.mjs';
}

export interface Bundle {
  code: string;
  map: string;
}

/** Turns the emitted module into a hoisted function declaration returning its default export. */
export function hooksFunction(compiled: string): string {
  const exports = compiled.match(/^export default /gm) ?? [];
  if (exports.length !== 1 || /^\s*(import|export)\b(?! default )/m.test(compiled)) {
    // Not what the emitter writes: refuse rather than write a bundle that will not run.
    throw new Error('the compiled module is not a standalone module with one default export');
  }
  return `function __octohookHooks() {\n${compiled.replace(/^export default /m, 'return ').trimEnd()}\n}\n`;
}

/** Combines the template (code and map) with the compiled module. Pure, for tests. */
export function combineBundle(template: { code: string; map: string }, compiled: string, out: { file: string; source: string }): Bundle {
  // ASCII only, like the rest of the file (esbuild and the emitter escape the rest): V8 keeps the
  // text of a file with one other character at two bytes per character, for as long as it runs.
  const header = [
    `// ${out.file}: octohook ${version()} with the hooks of ${out.source} built in. ${bundleFirstLineEnd}`,
    `// Run: OCTOPRINT_URL=http://127.0.0.1:5000 OCTOPRINT_API_KEY=... node ${out.file} [--log-format json]   (Node.js ${nodeEngines})`,
    `// @env values are read from the environment at run time; none is in this file. The hooks are at the end.`,
  ];
  const code = template.code.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '').trimEnd();
  const map = JSON.parse(template.map) as { version: number; file?: string; sources: string[]; mappings: string; sourceRoot?: string };
  // One ';' per generated line moves every mapping down past the header.
  map.mappings = ';'.repeat(header.length) + map.mappings;
  map.file = out.file;
  // esbuild wrote sources relative to the template's folder in the package; beside the bundle
  // those paths mean nothing, so name them by their place in the package.
  map.sources = map.sources.map((s) => 'octohook/' + s.replace(/^(\.\.\/)+/, ''));
  delete map.sourceRoot;
  return {
    code: `${header.join('\n')}\n${code}\n${hooksFunction(compiled)}//# sourceMappingURL=${encodeURIComponent(out.file)}.map\n`,
    map: JSON.stringify(map),
  };
}

async function readTemplate(): Promise<{ code: string; map: string }> {
  const path = templatePath();
  try {
    return { code: await readFile(path, 'utf8'), map: await readFile(`${path}.map`, 'utf8') };
  } catch {
    throw new IoError(`the bundle template is missing (${path}): build the package first (npm run build)`);
  }
}

/** Writes OUT and OUT.map, each to a temporary name first, so no reader sees half a file. */
export async function writeBundle(compiled: string, source: string, out: string): Promise<{ bytes: number }> {
  const bundle = combineBundle(await readTemplate(), compiled, { file: basename(out), source });
  const files: Array<[string, string]> = [
    [`${out}.map`, bundle.map],
    [out, bundle.code],
  ];
  // Both checks before OUT.map is written, so an error names the file the user asked for.
  await refuseFolder(out);
  if (!(await stat(dirname(out)).then((s) => s.isDirectory(), () => false))) {
    throw new IoError(`cannot write '${out}': its folder does not exist`);
  }
  for (const [path, text] of files) await writeOutput(path, text);
  return { bytes: Buffer.byteLength(bundle.code) };
}
