// The plugin's HEADERS and DATA settings are JSON text that it parsed with Python's strict
// json.loads on every send. We read them with JSON5, which also takes what people type by
// hand (trailing commas, single quotes, comments) — but remember whether strict JSON would
// have taken it: if not, the plugin failed every delivery of that hook.
import JSON5 from 'json5';

export type LenientJson = { ok: true; value: unknown; strict: boolean } | { ok: false; reason: string };

export function parseLenientJson(text: string): LenientJson {
  let strict = true;
  try {
    return { ok: true, value: JSON.parse(text), strict };
  } catch {
    strict = false;
  }
  try {
    return { ok: true, value: JSON5.parse(text), strict };
  } catch (e) {
    // JSON5's messages name the place ("invalid character 'x' at 3:7"); no part of the text is echoed.
    const msg = e instanceof Error ? e.message.replace(/^JSON5: /, '') : String(e);
    return { ok: false, reason: msg };
  }
}
