// `octohookc`: the compiler's command line (contract: shared design cli.md). Exit codes:
// 0 clean or warnings only, 1 errors in the file, 2 usage or I/O. No stack trace reaches
// the user: anything unexpected is reported as one line, an internal error, with exit 70.
import { internalErrorExit, internalErrorText } from '../../runtime/cli/run-program.js';
import { runBuild } from './command-build.js';
import { runCheck } from './command-check.js';
import { usage, type Io } from './io.js';
import { version } from './version.js';

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'build':
        return await runBuild(rest, io);
      case 'lsp':
        // Loaded on demand: `check` and `build` never pay for the protocol library.
        return await (await import('../lsp/server.js')).runLanguageServer(rest, io);
      case 'test': {
        // Loaded on demand: it brings the runtime's HTTP and image code with it.
        const { runTest } = await import('./command-test.js');
        return await runTest(rest, io);
      }
      case 'import': {
        const { runImport } = await import('./command-import.js');
        return await runImport(rest, io);
      }
      case '--version':
      case '-v':
        io.out.write(`octohookc ${version()}\n`);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        io.out.write(usage);
        return 0;
      case undefined:
        io.err.write(usage);
        return 2;
      default:
        io.err.write(`octohookc: unknown command '${command}'.\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    io.err.write(internalErrorText('octohookc', error));
    return internalErrorExit;
  }
}
