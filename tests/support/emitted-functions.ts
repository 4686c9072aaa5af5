// The render helpers and filters as the compiled modules carry them: each function evaluated
// from its emitted source text (compiler/phases/3-emit/emitted-source.ts), alone, in a scope
// with nothing but the globals. So the unit tests run exactly the text that ships, and a
// function that leaned on an import or a closure would fail here.
import { emittedSource, helperSource } from '../../compiler/phases/3-emit/emitted-source.js';

export type EmittedFunction = (...args: unknown[]) => unknown;

/** Evaluates the emitted text of function `name` on its own. */
export function evaluateEmitted(name: string): EmittedFunction {
  return new Function(`"use strict";\nreturn (${helperSource(name)});`)() as EmittedFunction;
}

/** Every emitted function by name (`$g`, `$round`, ...), each evaluated from its text. */
export const emitted: Readonly<Record<string, EmittedFunction>> = Object.fromEntries(
  Object.keys(emittedSource).map((name) => [name, evaluateEmitted(name)]),
);
