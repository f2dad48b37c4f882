import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { BriefError } from '../errors.js';

/**
 * Reads a response body, decompressing as it goes and counting DECODED bytes, so a small gzip
 * "bomb" that inflates to gigabytes stops at the cap instead of filling memory.
 * `strict` returns null when the body exceeds maxBytes; `truncate` returns the first maxBytes.
 */
export async function readBody(
  res: IncomingMessage,
  maxBytes: number,
  mode: 'strict' | 'truncate',
): Promise<Buffer | null> {
  const encoding = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let decoder: zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress | null = null;
  // createUnzip accepts both gzip and zlib-wrapped deflate: servers mislabel one as the other.
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') decoder = zlib.createUnzip();
  else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
  else if (encoding !== 'identity' && encoding !== '') {
    res.destroy();
    throw new BriefError(
      'fetch_failed',
      'The site sent the page in a compression format we cannot read. Paste the article text instead.',
    );
  }
  let stream: Readable = res;
  if (decoder) {
    // Errors surface through the iteration below; pipeline tears both streams down together.
    stream = pipeline(res, decoder, () => undefined);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (total + chunk.length > maxBytes) {
        if (mode === 'strict') return null;
        chunks.push(chunk.subarray(0, maxBytes - total));
        total = maxBytes;
        break;
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  } finally {
    decoder?.destroy();
    res.destroy();
  }
  return Buffer.concat(chunks, total);
}
