// A fully rendered request: method, final URL, final headers, body bytes. It is plain data
// on purpose — the seam for retries. A later delivery outbox stores exactly this object
// (serializeRequest) and hands it back to sendRequest as many times as its retry policy
// says; nothing is rendered or encoded a second time, so every attempt is byte-identical.

import type { ContentKind, HttpMethod } from '../compiled-module.js';
import { applyContentType } from './content-type.js';
import { encodeBody, type SnapshotPart } from './encode-body.js';
import { encodeHeaderValues } from './header-encoding.js';
import type { SharedJson } from './shared-json.js';

export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  /**
   * Final headers, Content-Type rule applied; names as the user wrote them, values as they go
   * on the wire (non-ASCII text as RFC 2047 encoded words: ./header-encoding.ts).
   */
  headers: Record<string, string>;
  body: Uint8Array | null;
  /** The body's type (also in `headers`), kept apart for logs; null without a body. */
  contentType: string | null;
}

export interface PrepareInput {
  method: HttpMethod;
  content: ContentKind;
  url: string;
  headers: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
  snapshotKey?: string | null;
  snapshot?: SnapshotPart | null;
  boundary?: string;
  /** Objects whose JSON text is made once for every request that embeds them (see shared-json.ts). */
  shared?: readonly SharedJson[];
}

export function prepareRequest(input: PrepareInput): PreparedRequest {
  const encoded = encodeBody(input);
  return {
    method: input.method,
    url: encoded.url,
    headers: encodeHeaderValues(applyContentType(input.headers, input.content, encoded.contentType)),
    body: encoded.body,
    contentType: encoded.contentType,
  };
}

/** JSON-safe form of a prepared request (body as base64), for a durable outbox. */
export interface StoredRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  contentType: string | null;
}

export function serializeRequest(req: PreparedRequest): StoredRequest {
  return {
    method: req.method,
    url: req.url,
    headers: { ...req.headers },
    body: req.body === null ? null : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString('base64'),
    contentType: req.contentType,
  };
}

export function deserializeRequest(stored: StoredRequest): PreparedRequest {
  return {
    method: stored.method,
    url: stored.url,
    headers: { ...stored.headers },
    body: stored.body === null ? null : Buffer.from(stored.body, 'base64'),
    contentType: stored.contentType,
  };
}
