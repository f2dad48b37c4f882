/**
 * Just enough Markdown to read an article written in it: markup goes, words stay. Not a renderer:
 * we only need clean paragraphs, the title, and no URLs or code in the text the engines quote.
 */

/** Heuristic for text that arrived without a file name: Markdown-only constructs, not lone asterisks. */
export function looksLikeMarkdown(text: string): boolean {
  return (
    /^#{1,6}[ \t]+\S/m.test(text) ||
    /^(?:```|~~~)/m.test(text) ||
    /!?\[[^\]\n]+\]\([^)\s]+\)/.test(text) ||
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
  out = out
    // Fenced code: not prose, and not something to quote in a brief.
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, '\n')
    .replace(/<!--[\s\S]*?-->/g, '')
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
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
}

/** "# Title" => { level: 1, text: "Title" }. */
export function headingOf(line: string): { level: number; text: string } | null {
  const m = /^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
  return m ? { level: m[1]?.length ?? 1, text: m[2] ?? '' } : null;
}
