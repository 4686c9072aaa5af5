// Preloaded into the daemon by bench:memory (`node --expose-gc --import memory-probe.js
// hooks.bundle.mjs …`): answers 'mem' over the IPC channel with process.memoryUsage(), before
// and after a full garbage collection, and what V8 has committed per heap space before it.
// RSS says what the process holds; the heap in use after a full GC says what is still
// reachable, which is what a leak would grow; committed minus used is room V8 keeps. The
// daemon's own code is not touched; the channel is unref'd so it never keeps the process alive.
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

if (typeof process.send === 'function') {
  process.on('message', (m: unknown) => {
    if (m !== 'mem') return;
    const before = process.memoryUsage();
    const heap = getHeapStatistics();
    const spaces = getHeapSpaceStatistics().map((s) => ({ name: s.space_name, committed: s.physical_space_size, used: s.space_used_size }));
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    process.send!({ op: 'mem', before, after, heap: { committed: heap.total_physical_size, malloced: heap.malloced_memory, peakMalloced: heap.peak_malloced_memory }, spaces });
  });
  (process as unknown as { channel?: { unref(): void } }).channel?.unref();
}

export {};
