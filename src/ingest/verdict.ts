import type { Extraction } from '../brief.js';
import { BriefError } from '../errors.js';
import { countWords, totalWords } from './normalize.js';

/**
 * How much to trust what ingest found. Thresholds (words of extracted text):
 * - under 15 from a web page: nothing to brief => BriefError no_content (saying why when we can tell);
 * - under 80 from a web page: `thin` (a stub, a photo caption, a teaser);
 * - `paywalled`: under 250 words with paywall markup (paywall class names, JSON-LD
 *   isAccessibleForFree=false), or under 150 with paywall phrases only ("already a subscriber?"
 *   is also ordinary site chrome); consent-wall phrases count only under 80 words, because
 *   ordinary pages carry cookie-banner wording next to full articles;
 * - under 150 with bot-check / access-denied wording: `blocked`;
 * - link text over half of the extracted text across 5+ blocks: `unsupported` (an index page; for
 *   web pages measured before boilerplate lines are removed, unless 80+ words remain without them).
 * Pasted text is what the user chose to send: it is never thin and needs strong, short evidence
 * (under 120 words, or 40 for a bot check) to be called paywalled or blocked.
 */
export const NO_CONTENT_WORDS = 15;
export const THIN_WORDS = 80;
export const PAYWALL_MARKUP_WORDS = 250;
export const PAYWALL_PHRASE_WORDS = 150;
export const BLOCKED_WORDS = 150;

const paywallPhrases = [
  /subscribe (?:now )?to (?:continue|keep) reading/,
  /already (?:a subscriber|subscribed|have an account)/,
  /(?:sign|log) ?in to (?:continue|read|keep reading|view)/,
  /(?:content|article|story) is (?:only )?(?:available )?(?:for|to) (?:paid )?(?:subscribers|members)/,
  /(?:subscribers?|members)[- ]only (?:content|article|story)/,
  /to (?:continue|keep) reading,? (?:please )?(?:subscribe|sign in|log in|register)/,
  /create a free account to (?:continue|read)/,
  /you(?:'ve| have) reached (?:your|the) (?:free )?(?:article )?limit/,
  /unlock (?:this|the full) (?:article|story)/,
  /(?:become|are you) a subscriber/,
];
const consentPhrases = [
  /we value your privacy/,
  /before you continue to/,
  /accept all cookies/,
  /(?:manage|customi[sz]e) (?:your )?(?:consent|cookie|privacy) (?:preferences|settings|choices)/,
  /we and our (?:\d+ )?(?:partners|vendors)/,
  /consent to (?:the use of )?(?:cookies|your data)/,
];
const blockedPhrases = [
  /access (?:is )?denied/,
  /verify (?:that )?you are (?:a )?human/,
  /are you a (?:robot|human)\b/,
  /checking (?:if the site connection is secure|your browser)/,
  /\bcaptcha\b/,
  /unusual traffic from your (?:computer|network)/,
  /attention required/,
  /request (?:has been |was )?blocked/,
  /pardon our interruption/,
  /enable (?:javascript|cookies) (?:and cookies )?to continue/,
  /you (?:have been|are) blocked/,
  /just a moment\.\.\./,
];

export interface VerdictInput {
  paragraphs: readonly string[];
  source: 'web' | 'text';
  /** Text to search for wall markers; for pages, everything readable including removed overlays. */
  markerText?: string;
  /** Paywall class names or isAccessibleForFree=false were found in the markup. */
  paywallMarkup?: boolean;
  /** Share of extracted characters inside links (0..1), for index-page detection. */
  linkDensity?: number;
  /** Blocks that link density was measured over (default: the paragraphs). */
  linkBlocks?: number;
}

const matches = (text: string, patterns: RegExp[]) => patterns.some((p) => p.test(text));
const forMatching = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'");

/** A short paragraph that is a paywall or consent prompt, not article text ("Subscribe to continue"). */
export function isWallPrompt(paragraph: string): boolean {
  // Counting stops at 40 words, so it costs less than lower-casing and searching a long paragraph.
  if (countWords(paragraph, 40) >= 40) return false;
  const text = forMatching(paragraph);
  return matches(text, paywallPhrases) || matches(text, consentPhrases);
}

/** Bot-check / access-denied wording (used for error pages too). */
export function looksBlocked(text: string): boolean {
  return matches(forMatching(text), blockedPhrases);
}

export const PAYWALL_NOTE = 'Based on a teaser: the full article is behind a paywall.';
export const CONSENT_NOTE = 'Based on a teaser: the site showed a consent wall instead of the full article.';

/** No verdict looks at more words than this, nor at wall wording in a text longer than it. */
const VERDICT_WORDS = Math.max(PAYWALL_MARKUP_WORDS, PAYWALL_PHRASE_WORDS, BLOCKED_WORDS, THIN_WORDS);

export function judgeExtraction(input: VerdictInput): Extraction {
  // Counting stops at the largest threshold, and the wall wording is searched only in a text
  // short enough for it to matter: a 5 MB article is judged without reading it all twice.
  const words = totalWords(input.paragraphs, VERDICT_WORDS);
  const wordingMatters = words < VERDICT_WORDS;
  const text = wordingMatters ? forMatching(input.markerText ?? input.paragraphs.join('\n')) : '';
  const blocked = wordingMatters && matches(text, blockedPhrases);
  const paywallPhrase = wordingMatters && matches(text, paywallPhrases);
  const paywall = paywallPhrase || input.paywallMarkup === true;
  const consent = wordingMatters && matches(text, consentPhrases);

  if (input.source === 'text') {
    if (blocked && words < 40) return blockedVerdict();
    if (paywall && words < 120) return { status: 'paywalled', note: PAYWALL_NOTE };
    return { status: 'ok' };
  }

  if (words < NO_CONTENT_WORDS) throw noContent(blocked, paywall || consent);
  if (blocked && words < BLOCKED_WORDS) return blockedVerdict();
  if (
    (input.paywallMarkup === true && words < PAYWALL_MARKUP_WORDS) ||
    (paywallPhrase && words < PAYWALL_PHRASE_WORDS)
  ) {
    return { status: 'paywalled', note: PAYWALL_NOTE };
  }
  if (consent && words < THIN_WORDS) return { status: 'paywalled', note: CONSENT_NOTE };
  if ((input.linkDensity ?? 0) > 0.5 && (input.linkBlocks ?? input.paragraphs.length) >= 5) {
    return {
      status: 'unsupported',
      note: 'This page looks like a list of links (an index or section page), not a single article.',
    };
  }
  if (words < THIN_WORDS) {
    return {
      status: 'thin',
      note: `Only ${words} words of article text were found, so this brief may miss context.`,
    };
  }
  return { status: 'ok' };
}

function blockedVerdict(): Extraction {
  return {
    status: 'blocked',
    note: 'The site showed a bot check or "access denied" page instead of the article; paste the article text instead.',
  };
}

function noContent(blocked: boolean, walled: boolean): BriefError {
  if (blocked) {
    return new BriefError(
      'no_content',
      'The site showed a bot check or "access denied" page instead of the article. Paste the article text instead.',
    );
  }
  if (walled) {
    return new BriefError(
      'no_content',
      'The article is behind a paywall or consent wall and no text was visible. Paste the article text instead.',
    );
  }
  return new BriefError(
    'no_content',
    'That page has no article text we could find. Check that the link opens a single article, or paste the text instead.',
  );
}
