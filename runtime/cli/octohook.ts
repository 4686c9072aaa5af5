// The octohook program, as bin/octohook.js starts it once the Node version is checked.
import { main } from './main.js';
import { runProgram } from './run-program.js';

export function start(argv: string[]): Promise<void> {
  return runProgram('octohook', () => main(argv));
}
