// An in-memory stdout/stderr pair for running CLI commands in-process.
export function captureIo() {
  let out = '';
  let err = '';
  return {
    io: { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } },
    get out() { return out; },
    get err() { return err; },
  };
}
