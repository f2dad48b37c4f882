import { BriefError } from '../errors.js';

/**
 * Decides from bytes and Content-Type whether something can be an article. We read HTML and plain
 * text only; PDFs, images, archives and other binaries are refused before anyone tries to parse them.
 */
export type ByteKind = 'text' | 'pdf' | 'image' | 'media' | 'archive' | 'binary';

const SNIFF_BYTES = 4096;

const magic: Array<{ kind: ByteKind; at?: number; bytes: number[] | string }> = [
  { kind: 'pdf', bytes: '%PDF-' },
  { kind: 'binary', bytes: '%!PS' },
  { kind: 'image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'image', bytes: 'GIF8' },
  { kind: 'image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'image', at: 8, bytes: 'WEBP' },
  { kind: 'image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { kind: 'image', bytes: 'BM' },
  { kind: 'image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'media', at: 4, bytes: 'ftyp' },
  { kind: 'media', bytes: 'OggS' },
  { kind: 'media', bytes: 'ID3' },
  { kind: 'media', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { kind: 'archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'archive', bytes: [0x1f, 0x8b] },
  { kind: 'archive', bytes: 'Rar!' },
  { kind: 'archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { kind: 'binary', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'binary', bytes: 'MZ' },
  { kind: 'binary', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { kind: 'binary', bytes: 'SQLite format 3' },
];

function startsWith(buf: Uint8Array, at: number, sig: number[] | string): boolean {
  const bytes = typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig;
  if (buf.length < at + bytes.length) return false;
  return bytes.every((b, i) => buf[at + i] === b);
}

/** Whether the bytes start with a UTF-16 byte order mark (text that legitimately holds NULs). */
export function hasUtf16Bom(buf: Uint8Array): boolean {
  return (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
}

/** Looks at the first 4 KiB: magic numbers first, then NULs and control characters. */
export function sniffBytes(buf: Uint8Array): ByteKind {
  if (hasUtf16Bom(buf)) return 'text';
  const hit = magic.find((m) => startsWith(buf, m.at ?? 0, m.bytes));
  // "BM" and "MZ" are also how ordinary words start; only call them binary when binary follows.
  if (hit && !(typeof hit.bytes === 'string' && hit.bytes.length === 2 && looksLikeText(buf)))
    return hit.kind;
  return looksLikeText(buf) ? 'text' : 'binary';
}

function looksLikeText(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] ?? 0;
    if (b === 0) return false;
    // Tab, LF, FF, CR and ESC occur in text; other C0 controls mean binary.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return control <= n * 0.02;
}

export type MediaKind = 'html' | 'text' | 'unknown' | 'refused';

/** Classifies a Content-Type header value; `unknown` means "sniff the bytes to decide". */
export function classifyContentType(header: string | null | undefined): MediaKind {
  const mime = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!mime || mime === 'application/octet-stream' || mime === 'binary/octet-stream') return 'unknown';
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/plain' || mime === 'text/markdown' || mime === 'text/x-markdown') return 'text';
  return 'refused';
}

// Feeds arrive under many labels: the registered ones, generic XML and JSON, and (from
// misconfigured servers) HTML or plain text. Unknown labels go to the parser, which decides.
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
]);

/** Classifies a Content-Type for a feed request: `text` means a feed media type, parse it. */
export function classifyFeedContentType(header: string | null | undefined): MediaKind {
  const mime = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (FEED_TYPES.has(mime)) return 'text';
  const asArticle = classifyContentType(header);
  return asArticle === 'refused' ? 'refused' : 'unknown';
}

const describe: Record<Exclude<ByteKind, 'text'>, string> = {
  pdf: 'a PDF document',
  image: 'an image',
  media: 'an audio or video file',
  archive: 'a compressed archive',
  binary: 'a binary file',
};

/** The not_article error for a kind of bytes or a refused media type. */
export function notArticle(what: Exclude<ByteKind, 'text'> | { mime: string }): BriefError {
  const thing = typeof what === 'string' ? describe[what] : `a "${what.mime}" file`;
  const hint =
    what === 'pdf'
      ? ' Copy the text out of it and paste that instead.'
      : ' Share a web article or paste its text.';
  return new BriefError('not_article', `That is ${thing}, not an article we can read.${hint}`);
}

/** Throws not_article unless the bytes can be text. */
export function assertTextBytes(buf: Uint8Array): void {
  const kind = sniffBytes(buf);
  if (kind !== 'text') throw notArticle(kind);
}

/** Whether text (already decoded) is an HTML document rather than prose that mentions tags. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/.test(
    head,
  );
}
