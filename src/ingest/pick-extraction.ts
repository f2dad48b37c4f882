import { dropBoilerplate, type Removed } from './boilerplate.js';
import { candidateOf, densestRun, type Candidate } from './density.js';
import type { Block } from './paragraphs.js';
import { NO_CONTENT_WORDS, THIN_WORDS } from './verdict.js';

/**
 * Readability's text or the density method's (density.ts), each with its boilerplate lines
 * removed. Readability wins unless it failed by a measure we can state: it found nothing, or far
 * less text than the densest run of the page. The reason goes into the verdict note.
 */
export interface Extracted extends Candidate {
  method: 'readability' | 'density';
  /** Why the density method was used ("extracted by density fallback: ..."), or null. */
  note: string | null;
  removed: Removed[];
  /**
   * Link density for the index-page verdict, and the blocks it was measured over: before
   * boilerplate removal (an index page is all links, which removal hides) unless a stub's worth
   * of text or more is left without the links, which makes it an article with many links.
   */
  indexLinkDensity: number;
  indexBlocks: number;
}

interface Cleaned {
  candidate: Candidate;
  removed: Removed[];
  raw: Candidate;
}

function clean(raw: Candidate): Cleaned {
  const { blocks, removed } = dropBoilerplate(raw.blocks);
  return { candidate: candidateOf(blocks), removed, raw };
}

/**
 * Readability failed when it kept under NO_CONTENT_WORDS, or when the densest run has at least
 * half as much text again in at most three times as many paragraphs: Readability took part of the
 * article (one section of a list-shaped page, a live blog's latest entry). More paragraphs than
 * that is usually a comment thread or a listing beside the article, where Readability is right.
 * Both numbers were chosen on the tuning half of bench:extract's pages (see bench/extract.ts).
 */
const MORE_WORDS = 1.5;
const MAX_MORE_PARAGRAPHS = 3;

function whyDensity(main: Cleaned | null, dense: Cleaned): string | null {
  const d = dense.candidate;
  if (d.words < NO_CONTENT_WORDS) return null;
  const summary = `the densest run of text has ${d.words} words in ${d.blocks.length} paragraphs`;
  if (main === null) return `Readability found no article; ${summary}.`;
  const r = main.candidate;
  const words = `Readability kept ${r.words} words in ${r.blocks.length} paragraphs`;
  if (r.words < NO_CONTENT_WORDS) return `${words}; ${summary}.`;
  if (d.words >= MORE_WORDS * r.words && d.blocks.length <= MAX_MORE_PARAGRAPHS * r.blocks.length) {
    return `${words}; ${summary}.`;
  }
  return null;
}

export function pickExtraction(readability: Block[] | null, body: Block[]): Extracted {
  const main = readability ? clean(candidateOf(readability)) : null;
  const dense = clean(densestRun(body));
  const why = whyDensity(main, dense);
  const chosen = why !== null || main === null ? dense : main;
  // An index page: once its link lines are gone too little is left to call it anything but a list.
  // Without Readability the whole cleaned body stands for the page.
  const raw = main === null ? candidateOf(body) : chosen.raw;
  const rawUsed = chosen.candidate.words < NO_CONTENT_WORDS && raw.linkDensity > 0.5;
  const candidate = rawUsed ? raw : chosen.candidate;
  const judged = rawUsed ? raw : chosen.candidate.words < THIN_WORDS ? chosen.raw : chosen.candidate;
  return {
    ...candidate,
    method: chosen === dense ? 'density' : 'readability',
    note: why === null ? null : `Extracted by density fallback: ${why}`,
    removed: rawUsed ? [] : chosen.removed,
    indexLinkDensity: judged.linkDensity,
    indexBlocks: judged.blocks.length,
  };
}
