/**
 * Just enough Markdown to read an article written in it: markup goes, words stay. Not a renderer:
 * we only need clean paragraphs, the title, and no URLs or code in the text the engines quote.
 *
 * Every pattern here costs time linear in the text, whatever the text: a 5 MiB page is fetched as
 * text/plain at a chat user's request, and a pattern that scans to the end of the line from each of
 * its many openers ("![", "**", "<") took minutes on a crafted 200 KB line. Two means keep them
 * linear: a span never crosses another opener of its kind (link text holds no "[" or "]"), and a
 * pattern that must end at a given character is applied only up to that character's last
 * occurrence (see upToLast), so none of its attempts runs to the end of the line and fails.
 */

/**
 * `replace` applied only to the text up to the last `closer`: every match of `re` ends with
 * `closer`, so the result is the same, and no attempt can fail for want of a closer after a long
 * scan (the cause of quadratic time).
 */
function replaceUpToLast(text: string, closer: string, re: RegExp, replacement: string): string {
  const end = text.lastIndexOf(closer);
  if (end < 0) return text;
  const cut = end + closer.length;
  return text.slice(0, cut).replace(re, replacement) + text.slice(cut);
}

/** Heuristic for text that arrived without a file name: Markdown-only constructs, not lone asterisks. */
export function looksLikeMarkdown(text: string): boolean {
  return (
    /^#{1,6}[ \t]+\S/m.test(text) ||
    /^(?:```|~~~)/m.test(text) ||
    // Link text without "[" finds the innermost link, so the answer is the same as with any text.
    /!?\[[^\][\n]+\]\([^)\s]+\)/.test(text.slice(0, text.lastIndexOf(')') + 1)) ||
    /^\S[^\n]*\n(?:=+|-+)[ \t]*$/m.test(text) ||
    /^---\n[\s\S]*?\n---\n/.test(text)
  );
}

/** Removes block-level Markdown that never carries article prose. Returns text and front-matter title. */
export function stripMarkdownBlocks(text: string): { text: string; title: string | null } {
  let title: string | null = null;
  let out = text.replace(/^---\n([\s\S]*?)\n---\n/, (_, yaml: string) => {
    const m = /^title:\s*["']?(.+?)["']?\s*$/m.exec(yaml);
    title = m?.[1] ?? null;
    return '';
  });
  // Fenced code: not prose, and not something to quote in a brief.
  out = out.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, '\n');
  out = replaceUpToLast(out, '-->', /<!--[\s\S]*?-->/g, '')
    // Setext headings become ATX so one rule handles both.
    .replace(/^(\S[^\n]*)\n=+[ \t]*$/gm, '# $1')
    .replace(/^(\S[^\n]*)\n-+[ \t]*$/gm, '## $1')
    .replace(/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm, '')
    .replace(/^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$/gm, '')
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '');
  return { text: out, title };
}

/** Inline markup of one line: images dropped, links to their text, emphasis and tags removed. */
export function stripMarkdownInline(line: string): string {
  let out = line;
  // Images and links end with ")" (inline) or "]" (reference); their text holds no bracket.
  out = replaceUpToLast(out, ')', /!\[[^\][]*\]\([^)]*\)/g, '');
  out = out.replace(/!\[[^\][]*\]\[[^\][]*\]/g, '');
  out = replaceUpToLast(out, ')', /\[([^\][]+)\]\([^)]*\)/g, '$1');
  out = out.replace(/\[([^\][]+)\]\[[^\][]*\]/g, '$1');
  out = replaceUpToLast(out, '>', /<(https?:\/\/[^>\s]+)>/g, '$1');
  out = replaceUpToLast(out, '>', /<\/?[a-zA-Z][^>]*>/g, '');
  out = out.replace(/`([^`]+)`/g, '$1');
  out = unwrapDelimited(out, ['**', '__']);
  out = out
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2');
  out = unwrapDelimited(out, ['~~']);
  return out.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
}

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

/**
 * What `/(D1|D2)(?=\S)([\s\S]*?\S)\1/g` replaced with "$2" does, in one pass: from the leftmost
 * delimiter followed by a non-space, to the nearest same delimiter after a non-space. The regex
 * scanned to the end of the line from every opener without a closer: quadratic.
 */
function unwrapDelimited(line: string, delimiters: readonly string[]): string {
  // Closers of each delimiter (a non-space just before it), in order, found once.
  const closers = new Map<string, number[]>();
  for (const d of delimiters) {
    const at: number[] = [];
    for (let j = line.indexOf(d, 1); j >= 0; j = line.indexOf(d, j + 1))
      if (!isSpace(line[j - 1])) at.push(j);
    closers.set(d, at);
  }
  const next = new Map<string, number>(delimiters.map((d) => [d, 0]));
  let out = '';
  let copied = 0;
  for (let i = 0; i < line.length;) {
    const d = delimiters.find((x) => line.startsWith(x, i));
    if (d === undefined || isSpace(line[i + d.length])) {
      i += 1;
      continue;
    }
    // The nearest closer that leaves at least one character between the delimiters.
    const at = closers.get(d) ?? [];
    let k = next.get(d) ?? 0;
    while (k < at.length && (at[k] ?? 0) < i + d.length + 1) k += 1;
    next.set(d, k);
    const j = at[k];
    if (j === undefined) {
      i += 1;
      continue;
    }
    out += line.slice(copied, i) + line.slice(i + d.length, j);
    copied = j + d.length;
    i = copied;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/** "# Title" => { level: 1, text: "Title" }; a closing run of "#" and trailing spaces go. */
export function headingOf(line: string): { level: number; text: string } | null {
  const m = /^[ \t]{0,3}(#{1,6})[ \t]+/.exec(line);
  if (!m) return null;
  // From the end, without a regex: spaces, then a closing "#" run if a space precedes it.
  const rest = line.slice(m[0].length);
  const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';
  let end = rest.length;
  while (end > 0 && isBlank(rest[end - 1])) end -= 1;
  let hashes = end;
  while (hashes > 0 && rest[hashes - 1] === '#') hashes -= 1;
  if (hashes < end && hashes > 0 && isBlank(rest[hashes - 1])) {
    end = hashes;
    while (end > 0 && isBlank(rest[end - 1])) end -= 1;
  }
  return { level: m[1]?.length ?? 1, text: rest.slice(0, end) };
}
