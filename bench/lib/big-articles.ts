/**
 * Inputs for the speed bench, written to a scratch folder outside the repository at run time (the
 * evaluation texts are never copied into it): a fold as a `brief --jsonl` file, and long articles
 * made by concatenating dev articles up to a size, as plain text and as one HTML page.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocs, type DataOptions } from './dataset.js';

/** Writes the selected documents as {"id", "article"} lines; returns how many. */
export async function writeBatchFile(path: string, options: DataOptions): Promise<number> {
  const lines: string[] = [];
  for await (const doc of readDocs(options)) lines.push(JSON.stringify({ id: doc.id, article: doc.article }));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return lines.length;
}

/** Dev articles' paragraphs, each rendered, in order (cycling if it must), within `bytes` in all. */
async function fill(data: string, bytes: number, render: (paragraph: string) => string): Promise<string> {
  const out: string[] = [];
  let size = 0;
  for (;;) {
    const before = out.length;
    for await (const doc of readDocs({ data })) {
      for (const p of doc.article.split(/\n\s*\n/)) {
        const piece = render(p);
        const length = Buffer.byteLength(piece);
        if (size + length > bytes) return out.join('');
        out.push(piece);
        size += length;
      }
    }
    if (out.length === before) return out.join('');
  }
}

/** A plain-text article of at most `bytes` bytes; returns its path. */
export async function writeTextArticle(
  dir: string,
  name: string,
  data: string,
  bytes: number,
): Promise<string> {
  const path = join(dir, `${name}.txt`);
  writeFileSync(path, await fill(data, bytes, (p) => `${p}\n\n`));
  return path;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One HTML page of at most `bytes` bytes: a title, a heading and every paragraph in a <p>. */
export async function writeHtmlArticle(
  dir: string,
  name: string,
  data: string,
  bytes: number,
): Promise<string> {
  const head =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A long page</title></head>' +
    '<body><article><h1>A long page</h1>\n';
  const tail = '</article></body></html>\n';
  const body = await fill(data, bytes - head.length - tail.length, (p) => `<p>${escapeHtml(p)}</p>\n`);
  const path = join(dir, `${name}.html`);
  writeFileSync(path, head + body + tail);
  return path;
}
