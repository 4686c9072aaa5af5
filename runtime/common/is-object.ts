// Parsed JSON from outside (OctoPrint answers, push frames, plugin settings) is checked
// before it is read; this is the one test for "a JSON object", not an array or null.
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
