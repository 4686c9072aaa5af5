// RFC 6455 framing for the simulator's own websocket server: encoding server frames (never
// masked) and an incremental parser for client frames (always masked). No extensions are
// negotiated, so RSV bits must be zero.

// The opcodes are RFC 6455's numbers, one table for both ends; the framing code itself stays
// apart from the client's, so each end is tested against an implementation it does not share.
export { OPCODE } from '../runtime/octoprint/websocket-frames.js';

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** A protocol violation; `closeCode` is what the server should answer with. */
export class FrameError extends Error {
  constructor(
    message: string,
    readonly closeCode: number,
  ) {
    super(message);
  }
}

/** Builds one unmasked server frame; lengths over 125 use the 16-bit, over 65535 the 64-bit form. */
export function encodeFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const len = payload.length;
  let header: Buffer;
  if (len <= 125) {
    header = Buffer.alloc(2);
    header[1] = len;
  } else if (len <= 0xffff) {
    header = Buffer.alloc(4);
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  header[0] = (fin ? 0x80 : 0) | (opcode & 0x0f);
  return Buffer.concat([header, payload]);
}

/** The payload of a close frame: a 2-byte code and a UTF-8 reason. */
export function closePayload(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8');
  const out = Buffer.alloc(2 + text.length);
  out.writeUInt16BE(code, 0);
  text.copy(out, 2);
  return out;
}

/**
 * Collects bytes and yields complete frames. Throws FrameError on a protocol violation
 * (unmasked client frame, RSV bits, oversized or fragmented control frame, too large a payload).
 */
export class FrameParser {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxPayload: number) {}

  push(chunk: Buffer): Frame[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
    }
    return frames;
  }

  private next(): Frame | undefined {
    const buf = this.buffered;
    if (buf.length < 2) return undefined;
    const fin = (buf[0] & 0x80) !== 0;
    if ((buf[0] & 0x70) !== 0) throw new FrameError('RSV bits set without a negotiated extension', 1002);
    const opcode = buf[0] & 0x0f;
    const masked = (buf[1] & 0x80) !== 0;
    if (!masked) throw new FrameError('client frames must be masked', 1002);
    let len = buf[1] & 0x7f;
    let offset = 2;
    if (len === 126) {
      if (buf.length < 4) return undefined;
      len = buf.readUInt16BE(2);
      offset = 4;
    } else if (len === 127) {
      if (buf.length < 10) return undefined;
      const big = buf.readBigUInt64BE(2);
      if (big > BigInt(this.maxPayload)) throw new FrameError('frame too large', 1009);
      len = Number(big);
      offset = 10;
    }
    if (opcode >= 0x8 && (len > 125 || !fin)) throw new FrameError('invalid control frame', 1002);
    if (len > this.maxPayload) throw new FrameError('frame too large', 1009);
    if (buf.length < offset + 4 + len) return undefined;
    const mask = buf.subarray(offset, offset + 4);
    const payload = Buffer.from(buf.subarray(offset + 4, offset + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
    this.buffered = buf.subarray(offset + 4 + len);
    return { fin, opcode, payload };
  }
}
