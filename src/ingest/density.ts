import { blockWords, type Block } from './paragraphs.js';

/**
 * The second extraction method, for pages Readability gets wrong (short pages, list-shaped
 * articles, live blogs): shallow text features per block, as in Kohlschütter, Fankhauser and
 * Nejdl, "Boilerplate Detection using Shallow Text Features" (WSDM 2010). A block is content by
 * its word count and link density and those of its neighbours (their decision tree, the one
 * boilerpipe calls NumWordsRules); the article is the run of content blocks with the most words,
 * bridging short gaps such as subheadings.
 */
export interface Candidate {
  blocks: Block[];
  words: number;
  /** Share of the text's characters inside links (0..1). */
  linkDensity: number;
}

// A gap of this many non-content blocks (a subheading, a caption line) does not end the article.
const MAX_GAP = 3;
const GAP_MAX_LINK_DENSITY = 0.5;

const linkDensityOf = (b: Block | undefined) => (b && b.text.length > 0 ? b.linkChars / b.text.length : 0);

export function candidateOf(blocks: Block[]): Candidate {
  let chars = 0;
  let links = 0;
  let words = 0;
  for (const b of blocks) {
    chars += b.text.length;
    links += b.linkChars;
    words += blockWords(b);
  }
  return { blocks, words, linkDensity: chars > 0 ? links / chars : 0 };
}

/** Kohlschütter et al.'s decision tree over (previous, current, next) block. */
function isContent(prev: Block | undefined, cur: Block, next: Block | undefined, words: number[], i: number) {
  const curWords = words[i] ?? 0;
  const prevWords = words[i - 1] ?? 0;
  const nextWords = words[i + 1] ?? 0;
  if (linkDensityOf(cur) > 0.333333) return false;
  if (linkDensityOf(prev) <= 0.555556) {
    if (curWords > 16 || nextWords > 15) return true;
    return prevWords > 4;
  }
  return curWords > 40 || nextWords > 17;
}

export function densestRun(blocks: readonly Block[]): Candidate {
  const words = blocks.map(blockWords);
  const content = blocks.map((b, i) => isContent(blocks[i - 1], b, blocks[i + 1], words, i));
  let best = { start: 0, end: -1, words: 0 };
  let start = -1;
  let end = -1;
  let sum = 0;
  let gap = 0;
  const close = () => {
    if (start >= 0 && sum > best.words) best = { start, end, words: sum };
    start = -1;
    sum = 0;
    gap = 0;
  };
  blocks.forEach((block, i) => {
    if (content[i]) {
      if (start < 0) start = i;
      end = i;
      sum += words[i] ?? 0;
      gap = 0;
    } else if (start >= 0) {
      gap++;
      if (gap > MAX_GAP || linkDensityOf(block) >= GAP_MAX_LINK_DENSITY) close();
    }
  });
  close();
  const run = blocks
    .slice(best.start, best.end + 1)
    .filter((b, k) => content[best.start + k] || linkDensityOf(b) < GAP_MAX_LINK_DENSITY);
  return candidateOf(run);
}
