// The entry of the one-file deployment bundle (`octohookc build --bundle`). At package build
// time esbuild turns this file and the runtime into one minified template
// (dist/runtime/cli/octohook-standalone.js); `--bundle` appends the compiled hooks to it as a
// function declaration named __octohookHooks (compiler/cli/write-bundle.ts). A function
// declaration is hoisted, so this code, which comes first in the file, can call it.
//
// The result behaves like `octohook run` with the hooks built in: the same flags, environment,
// logs and exit codes, and SIGINT/SIGTERM stop it after deliveries in flight.
//
// The version check is the first import, so in the bundle its code comes first and runs
// before the rest (the package build keeps Node's modules out of the bundle's static
// imports, which would be checked even before that: scripts/build.mjs).
import './require-node-version.js';
import type { CompiledModule } from '../compiled-module.js';
import { isCompiledModule } from '../load-module.js';
import { main } from './main.js';
import { runProgram } from './run-program.js';

declare function __octohookHooks(): CompiledModule;

let hooks: unknown;
try {
  hooks = __octohookHooks();
} catch {
  hooks = undefined;
}
if (!isCompiledModule(hooks)) {
  process.stderr.write('octohook: this file is the bundle template, not a bundle: build one with `octohookc build FILE.ohk --bundle`.\n');
  process.exitCode = 2;
} else {
  const bundled = hooks;
  await runProgram('octohook', () => main(process.argv.slice(2), undefined, { bundled }));
  // Everything is stopped by now; an idle keep-alive socket or timer must not keep a service
  // manager waiting for the process to go.
  setTimeout(() => process.exit(), 1500).unref();
}
