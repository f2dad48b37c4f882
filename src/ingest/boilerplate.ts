import { endsLikeSentence } from './normalize.js';
import { blockWords, type Block } from './paragraphs.js';

/**
 * Boilerplate lines that survive block removal because they sit inside the article container:
 * "Read also: <link>" teasers, headings left without text, datelines, bylines, photo credits,
 * share and comment-count lines. Structure decides first (how much of a line is link text, what
 * follows a heading); text patterns only ever judge short lines, which a real sentence rarely is.
 * Every rule has a page of its own under tests/fixtures/ingest/boilerplate-*.html.
 */
export type BoilerplateRule =
  'link-teaser' | 'orphan-heading' | 'dateline' | 'byline' | 'credit' | 'prompt' | 'widget' | 'repeat';

/** A line this short whose text is mostly link is a teaser for another page, not the story. */
const TEASER_MAX_WORDS = 30;
const TEASER_LINK_SHARE = 0.6;
const HEADING_MAX_WORDS = 15;
const DATELINE_MAX_WORDS = 14;
const CREDIT_MAX_WORDS = 15;
const PROMPT_MAX_WORDS = 25;
// Short repeated cells ("Formation", "Share") are not worth a rule; a repeated sentence is.
const REPEAT_MIN_CHARS = 20;

const MONTHS = [
  'jan(?:uary|uar|vier|eiro)?|feb(?:ruary|ruar)?|f[ée]vr(?:ier)?|fevereiro|m[aä]r(?:ch|z)?|mars|marzo|mar[cç]o|apr(?:il)?|avr(?:il)?|abr(?:il)?|aprile',
  'may|mai|mayo|maggio|maio|jun[ei]?|juin|junio|giugno|junho|jul[iy]?|juillet|julio|luglio|julho|aug(?:ust)?|ao[uû]t|agosto',
  'sep(?:t|tember|tembre)?|septiembre|settembre|setembro|o[ck]t(?:ober|obre)?|octubre|ottobre|outubro|nov(?:ember|embre)?|noviembre|novembro',
  'de[cz](?:ember|embre)?|dicembre|diciembre|dezembro|gennaio|enero|febbraio|febrero|aprile|mei|maart|juni|juli|augustus|oktober',
  'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[sś]nia|pa[zź]dziernika|listopada|grudnia',
].join('|');
const DATE = new RegExp(
  [
    String.raw`\b\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2})\b`, // 23.10.2018, 04/21/2022
    String.raw`\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b`, // 2021-10-16
    String.raw`\b\d{1,2}\.?\s+(?:de\s+)?(?:${MONTHS})\.?,?\s+(?:de\s+)?\d{4}\b`, // 5. Februar 2020, 16 marca 2021
    String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`, // Jan 11, 2019
    String.raw`\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|uhr|h)?(?:\s*(?:gmt|utc|bst|cet|cest|mez|mesz|[ecmp][sd]t|ist))?(?!\d)`, // 3:59 PM, 12:01 BST
  ].join('|'),
  'giu',
);
// Words that label a date rather than say something: "Published:", "Stand:", "Verfasst von".
const DATE_LABELS = new Set(
  [
    'published updated posted modified last date on at by and the of am um uhr stand vom von veröffentlicht',
    'aktualisiert publiziert erstellt verfasst zuletzt datum publié mis à jour le publicado actualizado el de',
    'del y publicación data publikacja aktualizacja dodano opublikowano pubblicato aggiornato il',
  ]
    .join(' ')
    .split(' '),
);
const DATELINE_MAX_OTHER_WORDS = 1;
const BYLINE =
  /^(?:by|von|par|por|di|door|autor(?:in)?|author|written by|text|texte|reporting by)\s*:?\s+\S/iu;
const CREDIT_LABEL =
  /^(?:photos?|fotos?|bild(?:er)?|image|images|picture|credits?|source|quelle|quellen|fuente|fonte|źródło|abbildung|beitragsbild|titelbild|grafik|illustration|video|screenshot)\s*:/iu;
const CREDIT_MARK =
  /©|\(c\)|\bcopyright\b|\b(?:getty images|afp|reuters|dpa|ap photo|istock(?:photo)?|shutterstock|imago|picture alliance|pixabay|unsplash|keystone)\b/iu;
const PROMPT = new RegExp(
  '^(?:' +
    [
      'read (?:more|also|next|this)',
      'see also',
      'related(?: (?:stories|articles|posts|content|coverage))?',
      'more (?:on this|from|about|stories)',
      'also read',
      'recommended',
      'you (?:may|might) also like',
      'sign up',
      'subscribe',
      'get (?:our|the) (?:newsletter|latest)',
      'follow us',
      'click here',
      'lea (?:también|más)',
      'lee (?:también|más)',
      'le puede interesar',
      'puedes ver',
      'mira',
      'ver también',
      'veja (?:também|mais)',
      'leia (?:também|mais)',
      'lesen sie (?:auch|hier|mehr)',
      'auch lesen',
      'mehr zum thema',
      'weiterlesen',
      'zum weiterlesen',
      'das könnte (?:sie|dich) (?:auch )?interessieren',
      'à lire (?:aussi|également)',
      'lire aussi',
      'voir aussi',
      'czytaj (?:też|także|więcej)',
      'zobacz (?:też|także)',
      'dowiedz się więcej',
      'leggi anche',
      'lees ook',
    ].join('|') +
    ')\\b',
  'iu',
);
const WIDGET =
  /^(?:(?:share|teilen|tweet|print|drucken|e-?mail|facebook|twitter|whatsapp|linkedin|pinterest|reddit|copy link)(?:\s*(?:on|this|article|artikel|[|/·,])\s*)*)+$|^\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?)$|^(?:comments?|kommentare?)(?:\s+insgesamt)?\s*[:(]?\s*\d+\)?$/iu;

// Runs, not single characters: one replacement per gap between words instead of one per character.
const loose = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** 1-6 for a short h1-h6 line, null otherwise. (Bold-only lines were tried as headings too: on the
 * tuning pages they were as often a real label, "Termin: 21.02.", as a "Related" one.) */
function headingLevel(block: Block): number | null {
  if (blockWords(block) > HEADING_MAX_WORDS || endsLikeSentence(block.text)) return null;
  const h = /^h([1-6])$/.exec(block.tag);
  return h ? Number(h[1]) : null;
}

/** A line that is a date (or two) and labels: what is left without them is a word or two at most. */
function isDateline(text: string): boolean {
  const rest = text.replace(DATE, ' ');
  if (rest === text) return false;
  const other = rest.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  return other.filter((w) => !DATE_LABELS.has(w.toLowerCase())).length <= DATELINE_MAX_OTHER_WORDS;
}

// A visible address is information (where to write, what to sign), not a teaser for another page.
const ADDRESS = /^(?:https?:\/\/|www\.)\S+$|^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

/** The rule a line breaks by its own text and markup, or null. */
function lineRule(block: Block): BoilerplateRule | null {
  const { text } = block;
  const words = blockWords(block);
  if (
    words <= TEASER_MAX_WORDS &&
    block.linkChars >= TEASER_LINK_SHARE * text.length &&
    !ADDRESS.test(text)
  ) {
    return 'link-teaser';
  }
  if (words <= PROMPT_MAX_WORDS && PROMPT.test(text)) return 'prompt';
  if (WIDGET.test(text.trim())) return 'widget';
  if (words <= DATELINE_MAX_WORDS && isDateline(text)) return 'dateline';
  if (words <= 8 && BYLINE.test(text) && !endsLikeSentence(text)) return 'byline';
  if (words <= CREDIT_MAX_WORDS && (CREDIT_LABEL.test(text) || (CREDIT_MARK.test(text) && words <= 10))) {
    return 'credit';
  }
  return null;
}

export interface Removed {
  rule: BoilerplateRule;
  text: string;
}

export interface Cleaned {
  blocks: Block[];
  /** The lines removed and why, in page order within each pass (for the bench and the tests). */
  removed: Removed[];
}

export function dropBoilerplate(blocks: readonly Block[]): Cleaned {
  const removed: Removed[] = [];
  const kept: Block[] = [];
  // A headline, pull quote or caption said twice is said once: the first time stays (the headline's
  // echo at the top is removed by extract-html, which also knows the byline).
  const seen = new Set<string>();
  for (const block of blocks) {
    const key = loose(block.text);
    const rule = lineRule(block) ?? (key.length >= REPEAT_MIN_CHARS && seen.has(key) ? 'repeat' : null);
    seen.add(key);
    if (rule) removed.push({ rule, text: block.text });
    else kept.push(block);
  }
  // A heading with no text under it (the page ends, or a heading of its rank or higher follows)
  // introduced what was just removed: "Related stories", "Weiterführende Links".
  const levels = kept.map(headingLevel);
  const out: Block[] = [];
  kept.forEach((block, i) => {
    const level = levels[i];
    const next = levels[i + 1];
    const orphan = level != null && (i === kept.length - 1 || (next != null && next <= level));
    if (orphan) removed.push({ rule: 'orphan-heading', text: block.text });
    else out.push(block);
  });
  return { blocks: out, removed };
}
