// OctoPrint's raw websocket transport hands each message to tornado's write_message, whose
// json encoding escapes every non-ASCII character and `</`. Reproducing it keeps clients honest
// about decoding (the recorded history carries "\u0080").
export function tornadoJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/<\//g, '<\\/');
}
