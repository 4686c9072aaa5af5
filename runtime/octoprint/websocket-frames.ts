// The frame layer of the push socket's websocket client (websocket-client.ts): client frames
// out, always masked, and server frames in, read incrementally from whatever pieces TCP hands
// over. Only what a client without extensions may receive passes: a server frame that is
// masked, sets a reserved bit, has an unknown opcode, or is a fragmented or oversized control
// frame is a protocol violation, reported with the close code to answer it with.
import { randomFillSync } from 'node:crypto';

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export const CLOSE_CODE = {
  normal: 1000,
  protocolError: 1002,
  /** Reported for a close frame without a code; never sent. */
  noStatus: 1005,
  /** Reported when the connection ended without a close frame; never sent. */
  abnormal: 1006,
  invalidData: 1007,
  tooBig: 1009,
} as const;

export interface ServerFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** Something the server sent that RFC 6455 forbids; `closeCode` is the answer. */
export interface FrameViolation {
  closeCode: number;
  message: string;
}

const KNOWN_OPCODES = new Set<number>(Object.values(OPCODE));

/** One masked client frame (FIN set: the client never fragments). */
export function encodeClientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const lengthBytes = length <= 125 ? 0 : length <= 0xffff ? 2 : 8;
  const frame = Buffer.allocUnsafe(2 + lengthBytes + 4 + length);
  frame[0] = 0x80 | opcode;
  if (lengthBytes === 0) frame[1] = 0x80 | length;
  else if (lengthBytes === 2) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const maskAt = 2 + lengthBytes;
  // A fresh mask per frame is what keeps a proxy from being fed bytes the page chose.
  randomFillSync(frame, maskAt, 4);
  const dataAt = maskAt + 4;
  for (let i = 0; i < length; i++) frame[dataAt + i] = payload[i] ^ frame[maskAt + (i & 3)];
  return frame;
}

/** The payload of a close frame: the code, then the reason in UTF-8, cut to fit 125 bytes. */
export function closeFramePayload(code: number, reason = ''): Buffer {
  let text = Buffer.from(reason, 'utf8');
  if (text.length > 123) {
    // Cut on a character boundary: a reason is UTF-8, and a broken one earns a 1007.
    let end = 123;
    while (end > 0 && (text[end] & 0xc0) === 0x80) end--;
    text = text.subarray(0, end);
  }
  const payload = Buffer.allocUnsafe(2 + text.length);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2);
  return payload;
}

/** Whether a peer may send this code in a close frame. */
export function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014 && code !== 1010) || (code >= 3000 && code <= 4999);
}

/**
 * Reads server frames from TCP chunks of any size. Bytes are kept as the chunks they came in
 * and joined only once a header or a whole payload is there, so a large message that arrives
 * one byte at a time is not copied once per byte.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private header: { fin: boolean; opcode: number; length: number } | undefined;
  private stopped = false;

  constructor(
    /** The longest payload accepted; more is a 1009. */
    private readonly maxPayload: number,
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onViolation: (violation: FrameViolation) => void,
  ) {}

  /** Stops reading: no frame is delivered after this, whatever is buffered. */
  stop(): void {
    this.stopped = true;
    this.chunks = [];
    this.buffered = 0;
  }

  push(chunk: Buffer): void {
    if (this.stopped || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.stopped) {
      if (!this.header && !this.readHeader()) return;
      const header = this.header!;
      if (this.buffered < header.length) return;
      this.header = undefined;
      this.onFrame({ fin: header.fin, opcode: header.opcode, payload: this.take(header.length) });
    }
  }

  /** Reads the next frame header if all of it is there; false when more bytes are needed. */
  private readHeader(): boolean {
    if (this.buffered < 2) return false;
    const start = this.peek(2);
    const lengthBytes = (start[1] & 0x7f) === 126 ? 2 : (start[1] & 0x7f) === 127 ? 8 : 0;
    if (this.buffered < 2 + lengthBytes) return false;
    const bytes = this.take(2 + lengthBytes);
    const fin = (bytes[0] & 0x80) !== 0;
    const opcode = bytes[0] & 0x0f;
    let length = bytes[1] & 0x7f;
    if (lengthBytes === 2) length = bytes.readUInt16BE(2);
    else if (lengthBytes === 8) {
      const big = bytes.readBigUInt64BE(2);
      length = big > BigInt(this.maxPayload) ? Infinity : Number(big);
    }
    const violation = this.check(bytes[0], bytes[1], opcode, fin, length);
    if (violation) {
      this.stop();
      this.onViolation(violation);
      return false;
    }
    this.header = { fin, opcode, length };
    return true;
  }

  private check(first: number, second: number, opcode: number, fin: boolean, length: number): FrameViolation | undefined {
    const protocol = (message: string): FrameViolation => ({ closeCode: CLOSE_CODE.protocolError, message });
    if ((first & 0x70) !== 0) return protocol('a frame with reserved bits set (no extension was agreed)');
    if (!KNOWN_OPCODES.has(opcode)) return protocol(`a frame with the unknown opcode ${opcode}`);
    if ((second & 0x80) !== 0) return protocol('a masked frame (a server must not mask)');
    if (opcode >= OPCODE.close && (!fin || length > 125)) return protocol('a fragmented or oversized control frame');
    if (length > this.maxPayload) return { closeCode: CLOSE_CODE.tooBig, message: `a frame larger than ${this.maxPayload} bytes` };
    return undefined;
  }

  /** The first `n` buffered bytes, left in place: the first chunk itself when it holds them, else a copy of n (2 here) bytes. */
  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0];
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    for (const chunk of this.chunks) {
      if (filled === n) break;
      filled += chunk.copy(out, filled, 0, Math.min(chunk.length, n - filled));
    }
    return out;
  }

  /** Removes and returns the first `n` buffered bytes (n <= buffered). */
  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first.length === n) {
      this.chunks.shift();
      return first;
    }
    if (first.length > n) {
      this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0];
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    return out;
  }
}
