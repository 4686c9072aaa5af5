// The octohook program, as bin/octohook.js starts it once the Node version is checked: the
// daemon's command line (runtime/cli/main.ts) handed the compiler, so `octohook run FILE.ohk`
// compiles in memory. It sits here, above both, because the runtime imports no compiler code:
// the one-file bundle (runtime/cli/standalone.ts) is the same daemon without it.
import { main, type RunIo } from '../../runtime/cli/main.js';
import { runProgram } from '../../runtime/cli/run-program.js';
import type { CompileSource } from '../../runtime/load-module.js';

// Imported when a .ohk file is run, not before: `octohook run hooks.mjs` never loads the compiler
// (in the package it is a file of its own: scripts/build.mjs).
const moduleFromSource: CompileSource = async (...args) => (await import('./module-from-source.js')).moduleFromSource(...args);

export function octohookMain(argv: string[], io?: RunIo): Promise<number> {
  return main(argv, io, { compileSource: moduleFromSource });
}

export function start(argv: string[]): Promise<void> {
  return runProgram('octohook', () => octohookMain(argv));
}
