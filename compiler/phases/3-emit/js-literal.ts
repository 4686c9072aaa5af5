// Every string the emitter writes goes through here. JSON.stringify already escapes quotes,
// backslashes, control characters and (since ES2019) lone surrogates; on top of that we
// escape U+2028/U+2029 (line terminators in older JS), `<` (so `</script>` or `<!--` can
// never close an HTML context the module is pasted into) and `*`/`/` stay harmless because
// they only ever appear inside string literals, never in comments.
export function jsString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/</g, '\\u003c');
}

/** An object key: computed for `__proto__`, which as a literal key would set the prototype. */
export function jsKey(key: string): string {
  return key === '__proto__' ? `[${jsString(key)}]` : jsString(key);
}
