import { describe, expect, it } from 'vitest';
import { charsetFromMarkup, decodeBytes } from '../../../src/ingest/decode.js';
import { classifyContentType, looksLikeHtml, sniffBytes } from '../../../src/ingest/sniff.js';

const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffing bytes', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'pdf'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image'],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'image'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image'],
    ['MP4', bytes([0, 0, 0, 0x20], 'ftypisom'), 'media'],
    ['ZIP/DOCX', bytes('PK', [3, 4, 20, 0]), 'archive'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0]), 'archive'],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1]), 'binary'],
    ['Windows exe', bytes('MZ', [0x90, 0, 3, 0, 0, 0]), 'binary'],
    ['NUL bytes', bytes('hello', [0], 'world'), 'binary'],
    ['control characters', bytes(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x41 : 0x01))), 'binary'],
    ['HTML', bytes('<!doctype html><html><body><p>Hi</p>'), 'text'],
    ['UTF-8 text', Buffer.from('Crème brûlée — “quoted”\n'), 'text'],
    ['UTF-16 with BOM', Buffer.from('\uFEFFhello', 'utf16le'), 'text'],
    ['text starting "BM"', bytes('BMW sales rose in March.'), 'text'],
    ['text starting "MZ"', bytes('MZ Electronics opened a new plant.'), 'text'],
  ])('%s => %s', (_name, buf, kind) => {
    expect(sniffBytes(buf)).toBe(kind);
  });

  it.each([
    ['text/html; charset=utf-8', 'html'],
    ['application/xhtml+xml', 'html'],
    ['TEXT/PLAIN', 'text'],
    ['text/markdown', 'text'],
    [null, 'unknown'],
    ['', 'unknown'],
    ['application/octet-stream', 'unknown'],
    ['application/pdf', 'refused'],
    ['image/png', 'refused'],
    ['application/json', 'refused'],
    ['text/css', 'refused'],
    ['video/mp4', 'refused'],
  ])('Content-Type %j => %s', (header, kind) => {
    expect(classifyContentType(header)).toBe(kind);
  });

  it.each([
    ['<!DOCTYPE html><p>x', true],
    ['  \n<html lang="en">', true],
    ['<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', true],
    ['<!-- saved page --><head><title>x</title>', true],
    ['Use the <b> tag for bold text.', false],
    ['Plain text about <html> tags.', false],
  ])('looksLikeHtml(%j) => %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});

describe('decoding bytes', () => {
  // "Café “quoted” – ok" in windows-1252: curly quotes and the en dash live in 0x80-0x9F.
  const cp1252 = bytes('Caf', [0xe9], ' ', [0x93], 'quoted', [0x94], ' ', [0x96], ' ok');
  const expected = 'Café “quoted” – ok';

  it('uses the Content-Type charset', () => {
    expect(decodeBytes(cp1252, { contentType: 'text/html; charset=windows-1252' })).toEqual({
      text: expected,
      encoding: 'windows-1252',
    });
  });

  it('treats iso-8859-1 as windows-1252, as browsers do', () => {
    expect(decodeBytes(cp1252, { contentType: 'text/plain; charset="ISO-8859-1"' }).text).toBe(expected);
  });

  it('finds <meta charset> and http-equiv declarations', () => {
    const meta = bytes('<html><head><meta charset="windows-1252"></head><body>', cp1252);
    expect(decodeBytes(meta).text).toContain(expected);
    const equiv = bytes(
      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">',
      'x',
      [0xa4],
    );
    expect(decodeBytes(equiv).text.endsWith('x€')).toBe(true);
    expect(charsetFromMarkup(bytes('<?xml version="1.0" encoding="Shift_JIS"?><html>'))).toBe('Shift_JIS');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    expect(decodeBytes(cp1252)).toEqual({ text: expected, encoding: 'windows-1252' });
  });

  it('falls back to windows-1252 when a page wrongly claims UTF-8', () => {
    expect(decodeBytes(cp1252, { contentType: 'text/html; charset=utf-8' }).text).toBe(expected);
  });

  it('keeps real UTF-8 with one bad byte as UTF-8', () => {
    const mixed = Buffer.concat([Buffer.from('Crème brûlée '), Buffer.from([0xff]), Buffer.from(' end')]);
    expect(decodeBytes(mixed)).toEqual({ text: 'Crème brûlée \uFFFD end', encoding: 'utf-8' });
  });

  it('lets a byte order mark win over a wrong header', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße', 'utf16le')]);
    expect(decodeBytes(utf16, { contentType: 'text/plain; charset=iso-8859-1' })).toEqual({
      text: 'Grüße',
      encoding: 'utf-16le',
    });
    expect(decodeBytes(Buffer.from('\uFEFFhi')).text).toBe('hi');
  });

  it('decodes Shift_JIS and ignores unknown labels', () => {
    const sjis = Buffer.from([0x93, 0xfa, 0x96, 0x7b]); // 日本
    expect(decodeBytes(sjis, { contentType: 'text/html; charset=shift_jis' }).text).toBe('日本');
    expect(decodeBytes(Buffer.from('plain'), { contentType: 'text/html; charset=klingon' })).toEqual({
      text: 'plain',
      encoding: 'utf-8',
    });
  });
});
