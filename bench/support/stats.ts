// Small helpers shared by the benches: order statistics and number formatting.

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0–100) of an unsorted sample. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function fixed(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function kib(bytes: number): string {
  return `${fixed(bytes / 1024, 1)} KiB`;
}

export function mib(bytes: number): string {
  return `${fixed(bytes / (1024 * 1024), 1)} MiB`;
}

/** Reads `--name N` from argv (positive numbers only), else the fallback. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
