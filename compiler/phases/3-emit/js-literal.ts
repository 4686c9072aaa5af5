// Every string the emitter writes goes through here. JSON.stringify escapes quotes,
// backslashes and control characters; on top of that every character outside printable
// ASCII becomes a \u escape (so U+2028/2029 and lone surrogates cannot break the module,
// and the file is plain ASCII whatever the .ohk held), and `<` too, so `</script>` or
// `<!--` never close an HTML context the module is pasted into. `*/` is harmless: user
// text only ever lands inside string literals, never in comments.
export function jsString(s: string): string {
  return JSON.stringify(s).replace(/[<\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** An object key: computed for `__proto__`, which as a literal key would set the prototype. */
export function jsKey(key: string): string {
  return key === '__proto__' ? `[${jsString(key)}]` : jsString(key);
}
