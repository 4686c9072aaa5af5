// The octohookc program, as bin/octohookc.js starts it once the Node version is checked.
import { runProgram } from '../../runtime/cli/run-program.js';
import { main } from './main.js';

export function start(argv: string[]): Promise<void> {
  return runProgram('octohookc', () => main(argv));
}
