// Preloaded into the daemon by bench:memory (`node --expose-gc --import memory-probe.js
// hooks.bundle.mjs …`): answers 'mem' over the IPC channel with process.memoryUsage(), before
// and after a full garbage collection. RSS says what the process holds; the heap in use
// after a full GC says what is still reachable, which is what a leak would grow. The daemon's
// own code is not touched; the channel is unref'd so it never keeps the process alive.
if (typeof process.send === 'function') {
  process.on('message', (m: unknown) => {
    if (m !== 'mem') return;
    const before = process.memoryUsage();
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    process.send!({ op: 'mem', before, after });
  });
  (process as unknown as { channel?: { unref(): void } }).channel?.unref();
}

export {};
