// How each program (octohookc, octohook, a one-file bundle) runs as a process: its exit code
// from main(), quiet when the reader of its output goes away (`octohookc … | head -1`), and
// a last-resort guard that turns anything unexpected into one line, never a stack trace.
export const internalErrorExit = 70; // EX_SOFTWARE in sysexits.h: distinct from 0, 1 and 2

/** `octohookc: internal error: …`, with the stack only when OCTOHOOK_DEBUG=1. */
export function internalErrorText(program: string, error: unknown, env: Record<string, string | undefined> = process.env): string {
  const message = error instanceof Error ? error.message : String(error);
  const debug = env.OCTOHOOK_DEBUG === '1' && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return `${program}: internal error: ${message.split('\n')[0]}\n${debug}`;
}

/**
 * A closed pipe (EPIPE) means the reader has all it wanted: later writes are dropped and the
 * program ends as it would have. Any other stream error is unexpected.
 */
function quietWhenClosed(stream: NodeJS.WriteStream, fail: (e: unknown) => void): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    fail(e);
  });
}

export async function runProgram(program: string, main: () => Promise<number>): Promise<void> {
  const fail = (error: unknown) => {
    try {
      process.stderr.write(internalErrorText(program, error));
    } finally {
      process.exit(internalErrorExit);
    }
  };
  quietWhenClosed(process.stdout, fail);
  quietWhenClosed(process.stderr, fail);
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  let code: number;
  try {
    code = await main();
  } catch (e) {
    fail(e);
    return;
  }
  process.exitCode = code;
}
