// Waiting in real time for something asynchronous (a socket message) with a short deadline,
// so a broken test fails fast instead of hanging. Resolves with the probe's first truthy value.
export async function waitFor<T>(probe: () => T | undefined | null | false | 0 | '', what: string, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
