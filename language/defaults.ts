// What a setting is when a file leaves it out, and the bounds the checker holds it to. Named
// here once so the checker, the language server's hover texts and the docs say the same number.

/** `method` of a hook and of an oauth block. */
export const defaultMethod = 'POST';

/** `timeout` of a hook: how long one HTTP request may take. */
export const hookTimeoutMs = { default: 10_000, min: 1_000, max: 600_000 } as const;

/** `cooldown` of a hook: the quiet time after a delivery (0: none). */
export const hookCooldownMs = { default: 0, min: 0, max: 86_400_000 } as const;

/** `retry` of a hook: the plugin-like schedule used when a hook says nothing, and its limits. */
export const retryDefaults = {
  delaysMs: [5_000, 300_000, 1_800_000, 7_200_000] as readonly number[],
  maxAttempts: 20,
  maxDelayMs: 7 * 24 * 3_600_000,
} as const;

/** `webcam { … }` / `snapshot { … }`: the picture's largest size, JPEG quality and fetch timeout. */
export const snapshotDefaults = {
  fit: { width: 1640, height: 1232 },
  quality: 85,
  timeoutMs: 5_000,
} as const;

export const snapshotLimits = {
  fitMin: 16,
  fitMax: 10_000,
  quality: { min: 1, max: 100 },
  timeoutMs: { min: 100, max: 60_000 },
} as const;

/** The URL written where one is needed but unknown: the importer's stand-in, the quick fix's start. `.invalid` never resolves. */
export const placeholderUrl = 'https://example.invalid/set-the-url';
