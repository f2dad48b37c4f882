/**
 * Bytes to text. Order follows the WHATWG encoding-sniffing algorithm: a byte order mark wins
 * (it cannot be wrong), then the Content-Type charset, then a <meta> or XML declaration in the
 * first bytes, then UTF-8. A page that declares nothing (or says UTF-8) yet is not valid UTF-8 and
 * has no multi-byte UTF-8 at all is decoded as windows-1252, as browsers do for legacy pages.
 */
export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1252". */
  encoding: string;
}

const PRESCAN_BYTES = 4096;

// WHATWG index-windows-1252 for 0x80-0x9F. Node 20.18.3+ decodes "windows-1252" (and the labels
// latin1, iso-8859-1, ascii that map to it) as ISO-8859-1, turning curly quotes and dashes into
// C1 controls (nodejs/node#60888), so this one encoding is decoded here.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(buf: Uint8Array): string {
  const latin1 = Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? 0xfffd),
  );
}

function decodeAs(encoding: string, buf: Uint8Array): string {
  return encoding === 'windows-1252' ? decodeWindows1252(buf) : new TextDecoder(encoding).decode(buf);
}

function bomEncoding(buf: Uint8Array): string | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset parameter of a Content-Type value, if any. */
export function charsetFromContentType(header: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(header ?? '');
  return m?.[1] ?? null;
}

/** <meta charset>, <meta http-equiv=Content-Type content="...; charset=..">, <?xml encoding=..?>. */
export function charsetFromMarkup(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, PRESCAN_BYTES)).toString(
    'latin1',
  );
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag);
    if (direct?.[1]) return direct[1];
  }
  return null;
}

/** A label TextDecoder accepts, normalised; null for unknown or unsupported labels. */
function usable(label: string | null): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

export function decodeBytes(
  buf: Uint8Array,
  opts: { contentType?: string | null; html?: boolean } = {},
): Decoded {
  const bom = bomEncoding(buf);
  if (bom) return { text: new TextDecoder(bom).decode(buf), encoding: bom };

  let declared = usable(charsetFromContentType(opts.contentType));
  if (!declared && opts.html !== false) {
    declared = usable(charsetFromMarkup(buf));
    // A UTF-16 label inside ASCII-readable markup is a lie (WHATWG: treat as UTF-8).
    if (declared?.startsWith('utf-16')) declared = 'utf-8';
  }
  const encoding = declared ?? 'utf-8';
  if (encoding !== 'utf-8') return { text: decodeAs(encoding, buf), encoding };

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(buf);
    // Any correctly decoded non-ASCII character means the text really is UTF-8 with a few bad bytes.
    if (/[\u0080-\uffff]/.test(lenient.replace(/\uFFFD/g, ''))) return { text: lenient, encoding };
    return { text: decodeWindows1252(buf), encoding: 'windows-1252' };
  }
}
