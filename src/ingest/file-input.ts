import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Article } from '../article.js';
import { BriefError } from '../errors.js';
import { decodeBytes } from './decode.js';
import { extractHtml } from './extract-html.js';
import { assertTextBytes, classifyContentType, looksLikeHtml } from './sniff.js';
import { emptyInput, textToArticle, type TextFormat } from './text-input.js';

/**
 * Files and stdin for the CLI. The size cap is checked from fstat before reading, and reads stop
 * at the cap for streams and devices that report no size, so a 50 MB file is refused at once.
 * Dispatch: .html/.htm/.xhtml => HTML; .md/.markdown => Markdown; .txt => plain text; any other
 * name => HTML if the bytes start like an HTML document, else text (Markdown if it looks like it).
 * Binaries (PDF, images, archives, NUL bytes) are refused with not_article whatever the name.
 */
export interface InputLimits {
  maxBytes: number;
}

export interface ByteHint {
  /** File name (or path): its extension picks the format. */
  name?: string | null;
  /** HTTP Content-Type, when the bytes came from the web. */
  contentType?: string | null;
  /** Page URL for HTML from the web (metadata, canonical link). */
  url?: string | null;
}

const HTML_EXT = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const MARKDOWN_EXT = new Set(['.md', '.markdown', '.mdown', '.mkd']);
const TEXT_EXT = new Set(['.txt', '.text']);

function formatOf(hint: ByteHint): 'html' | TextFormat {
  const media = classifyContentType(hint.contentType);
  if (media === 'html') return 'html';
  const ext = extname(hint.name ?? '').toLowerCase();
  if (HTML_EXT.has(ext)) return 'html';
  if (MARKDOWN_EXT.has(ext) || /markdown/i.test(hint.contentType ?? '')) return 'markdown';
  if (TEXT_EXT.has(ext)) return 'plain';
  return 'auto';
}

/** Bytes of a file, stdin or response body to an Article. Throws not_article, empty_input, no_content. */
export function ingestBytes(bytes: Uint8Array, hint: ByteHint = {}): Article {
  if (bytes.length === 0) throw emptyInput();
  assertTextBytes(bytes);
  const format = formatOf(hint);
  const decoded = decodeBytes(bytes, {
    contentType: hint.contentType,
    html: format === 'html' || format === 'auto',
  });
  if (format === 'html' || (format === 'auto' && looksLikeHtml(decoded.text))) {
    return extractHtml(decoded.text, hint.url ?? null);
  }
  return textToArticle(decoded.text, { format });
}

export function tooLargeInput(size: number | null, maxBytes: number): BriefError {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  const what = size === null ? 'That input is larger than' : `That input is ${mb(size)}; the limit is`;
  return new BriefError(
    'input_too_large',
    `${what} ${mb(maxBytes)}, more than one article. Brief a single article, or paste part of it.`,
  );
}

function unreadable(path: string, err: unknown): BriefError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const name = basename(path);
  const why =
    code === 'ENOENT'
      ? `There is no file named "${name}". Check the path.`
      : code === 'EACCES' || code === 'EPERM'
        ? `We are not allowed to read "${name}". Check its permissions.`
        : code === 'EISDIR'
          ? `"${name}" is a folder, not a file. Give a .txt, .md or .html file.`
          : `We could not read "${name}".`;
  return new BriefError('file_unreadable', why, { cause: err });
}

/** Reads at most maxBytes + 1 bytes; returns null when there was more than maxBytes. */
export async function readCapped(
  chunks: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += buf.length;
    if (total > maxBytes) return null;
    parts.push(buf);
  }
  return Buffer.concat(parts, total);
}

export async function ingestFile(path: string, limits: InputLimits): Promise<Article> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw unreadable(path, err);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw unreadable(path, { code: 'EISDIR' });
    if (stat.size > limits.maxBytes) throw tooLargeInput(stat.size, limits.maxBytes);
    let bytes: Buffer | null;
    try {
      // `end` is inclusive: at most maxBytes + 1 bytes are read, enough to know it is too big.
      const stream = handle.createReadStream({ start: 0, end: limits.maxBytes, autoClose: false });
      bytes = await readCapped(stream as AsyncIterable<Buffer>, limits.maxBytes);
    } catch (err) {
      throw unreadable(path, err);
    }
    if (bytes === null) throw tooLargeInput(null, limits.maxBytes);
    return ingestBytes(bytes, { name: path });
  } finally {
    await handle.close();
  }
}

/** stdin ("-") and other streams: same cap and dispatch as files (`name` picks the format). */
export async function ingestStream(
  stream: AsyncIterable<Uint8Array | string>,
  limits: InputLimits,
  name: string | null = null,
): Promise<Article> {
  const bytes = await readCapped(stream, limits.maxBytes);
  if (bytes === null) throw tooLargeInput(null, limits.maxBytes);
  return ingestBytes(bytes, { name });
}
