// The journal's on-disk framing. A file is an 8-byte magic followed by records:
//
//   u32 LE  payload length
//   u32 LE  CRC-32 of the payload
//   bytes   payload: one JSON object, UTF-8
//
// Appends only ever touch the end of the file, so a crash can leave at most a torn or
// half-flushed last record; the length and checksum make it recognisable. Reading stops
// trusting the file at the first bad frame, then looks further on for a frame that checks
// out (only a disk fault could put damage in the middle): what lies between is reported
// with its offset and skipped, never fatal.
import { crc32 } from 'node:zlib';

export const MAGIC = Buffer.from('OHKJRNL1', 'latin1');
const HEADER = 8;
/** Larger than any record we write (the request body is capped well below it). */
const MAX_PAYLOAD = 256 * 1024 * 1024;

export function encodeFrame(record: unknown): Buffer {
  // The JSON is encoded straight into the frame: one buffer per record, not a payload and a copy.
  const json = JSON.stringify(record);
  const length = Buffer.byteLength(json, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER + length);
  frame.write(json, HEADER, 'utf8');
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(crc32(frame.subarray(HEADER)), 4);
  return frame;
}

export interface DecodedFile {
  records: unknown[];
  /** Where the last good frame ends: appends may continue here. */
  end: number;
  /** Damage found on the way: offset of the first bad byte and how many bytes were skipped. */
  problems: Array<{ offset: number; bytes: number; tail: boolean; reason: string }>;
}

/** Reads a whole journal file. An empty buffer is an empty journal. */
export function decodeFile(buf: Buffer): DecodedFile {
  const out: DecodedFile = { records: [], end: 0, problems: [] };
  if (buf.length === 0) return out;
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    out.problems.push({ offset: 0, bytes: buf.length, tail: true, reason: 'not an octohook journal (bad magic)' });
    return out;
  }
  let pos = MAGIC.length;
  out.end = pos;
  while (pos < buf.length) {
    const frame = frameAt(buf, pos);
    if (frame.ok) {
      out.records.push(frame.record);
      pos = frame.next;
      out.end = pos;
      continue;
    }
    const resume = findNextFrame(buf, pos + 1);
    out.problems.push({ offset: pos, bytes: (resume ?? buf.length) - pos, tail: resume === undefined, reason: frame.reason });
    if (resume === undefined) break;
    pos = resume;
  }
  return out;
}

type FrameResult = { ok: true; record: unknown; next: number } | { ok: false; reason: string };

function frameAt(buf: Buffer, pos: number): FrameResult {
  if (buf.length - pos < HEADER) return { ok: false, reason: 'torn record header' };
  const len = buf.readUInt32LE(pos);
  const sum = buf.readUInt32LE(pos + 4);
  if (len === 0 || len > MAX_PAYLOAD) return { ok: false, reason: 'impossible record length' };
  if (pos + HEADER + len > buf.length) return { ok: false, reason: 'torn record (shorter than its length)' };
  const payload = buf.subarray(pos + HEADER, pos + HEADER + len);
  if (crc32(payload) !== sum) return { ok: false, reason: 'checksum mismatch' };
  try {
    return { ok: true, record: JSON.parse(payload.toString('utf8')), next: pos + HEADER + len };
  } catch {
    return { ok: false, reason: 'record is not JSON' };
  }
}

// Every payload is a JSON object, so a real frame has '{' right after its header; that
// rules out almost every position before the checksum is computed.
function findNextFrame(buf: Buffer, from: number): number | undefined {
  for (let p = from; p + HEADER < buf.length; p++) {
    if (buf[p + HEADER] !== 0x7b) continue;
    if (frameAt(buf, p).ok) return p;
  }
  return undefined;
}
