import type { DomDocument, DomElement } from './dom.js';

/**
 * Removes what is not article text before Readability scores the page: code, chrome (navigation,
 * footers, menus), cookie and consent banners, related-link and promo blocks, and anything hidden
 * from readers (hidden text is a classic way to smuggle words into a summary).
 */

/** Never text: removed first, before we read the page for paywall and bot-check wording. */
export const CODE_TAGS = 'script, style, noscript, template, object, embed, applet';

const CHROME_TAGS = [
  'iframe frame frameset svg math canvas nav aside footer dialog button select input textarea label',
  'video audio picture img map title meta link base',
  // Ruby annotations (furigana) spell out a word's reading: read inline they double every word.
  'rt rp',
]
  .join(' ')
  .split(' ')
  .join(', ');

const CHROME_ROLES = new Set(
  'navigation contentinfo complementary dialog alertdialog menu menubar search'.split(' '),
);

// Class/id words that mark boilerplate blocks. Matched against whole words of the attribute
// ("related-links" => related, links), so "shared" or "header" do not match "share" or "ad".
// Consent machinery never wraps an article; the other words also appear as modifiers on article
// containers ("story-body ad-free"), so those blocks are spared when they hold real prose.
const CONSENT_WORDS = new Set('cookie cookies consent gdpr cmp onetrust didomi truste'.split(' '));
const JUNK_WORDS = new Set(
  [
    'related recommended recommendations recirc trending popular mostread readmore',
    'newsletter promo promoted sponsored advert advertisement ad ads adslot outbrain taboola',
    'share sharing sharebar social comments comment disqus',
    'breadcrumb breadcrumbs menu navbar sidebar subscribe signup toolbar skiplink sr visually offscreen',
    // Pictures' captions and credits, bylines, author boxes and post metadata (dates, tags, likes).
    'caption captions credit credits copyright legend byline author authors bio authorbio',
    'meta postmetadata tags likes toc disclaimer kommentar kommentare',
  ]
    .join(' ')
    .split(' '),
);
const JUNK_PHRASES = [
  /\bmost read\b/,
  /\bread more\b/,
  /\bmore stories\b/,
  /\balso read\b/,
  /\bread next\b/,
  /\bup next\b/,
  /\bscreen reader\b/,
  /\babout (?:the )?author\b/,
];

const LONG_PARAGRAPH = 80;
const FORM_PAGE_CHARS = 1000;

// display/visibility hide text; opacity 0 and font-size 0 are the usual ways to hide it "visibly".
const HIDDEN_STYLE = new RegExp(
  [
    String.raw`(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|content-visibility\s*:\s*hidden)\b`,
    String.raw`(?:^|;)\s*(?:opacity|font-size)\s*:\s*0(?:\.0*)?(?:px|em|rem|pt|%)?\s*(?:!important\s*)?(?:;|$)`,
  ].join('|'),
  'i',
);

/** Words of class and id: "cookieBanner related_links" => "cookie banner related links". */
export function attributeWords(el: DomElement): string {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[-_:.]+/g, ' ')
    .trim();
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  if ((el.getAttribute('aria-hidden') ?? '').trim().toLowerCase() === 'true') return true;
  return HIDDEN_STYLE.test(el.getAttribute('style') ?? '');
}

type Junk = 'consent' | 'junk' | null;

function junkKind(el: DomElement): Junk {
  const words = attributeWords(el);
  const list = words ? words.split(' ') : [];
  if (list.some((w) => CONSENT_WORDS.has(w))) return 'consent';
  const role = (el.getAttribute('role') ?? '').toLowerCase();
  if (CHROME_ROLES.has(role) || el.localName === 'form') return 'junk';
  if (el.localName === 'header' && (role === 'banner' || el.querySelector('nav, ul, ol, menu') !== null)) {
    return 'junk';
  }
  // A figure is a picture with its caption and credit; one wrapping a table holds data.
  if (el.localName === 'figure' && el.querySelector('table') === null) return 'junk';
  return list.some((w) => JUNK_WORDS.has(w)) || JUNK_PHRASES.some((p) => p.test(words)) ? 'junk' : null;
}

/**
 * The article itself sometimes carries a junk-looking class ("body ad-free", "has-share-bar"):
 * never drop an element that is or holds the article, or that holds several long paragraphs
 * (related-link and consent blocks are links and a line or two, not prose).
 */
function holdsArticle(el: DomElement, kind: Junk): boolean {
  const tag = el.localName;
  if (tag === 'html' || tag === 'body' || tag === 'main' || tag === 'article') return true;
  if (el.querySelector('article, main, [itemprop="articleBody"]') !== null) return true;
  // Search, login and newsletter forms are a few words; a form with pages of text wraps the page.
  if (tag === 'form' && (el.textContent ?? '').length >= FORM_PAGE_CHARS) return true;
  if (kind === 'consent') return false;
  let long = 0;
  for (const p of el.querySelectorAll('p')) {
    if ((p.textContent ?? '').trim().length >= LONG_PARAGRAPH && ++long >= 3) return true;
  }
  return false;
}

export function removeCode(document: DomDocument): void {
  for (const el of [...document.querySelectorAll(CODE_TAGS)]) el.remove();
}

export function cleanDocument(document: DomDocument): void {
  removeCode(document);
  for (const el of [...document.querySelectorAll(CHROME_TAGS)]) el.remove();
  // Top-down with an explicit stack (hostile pages nest thousands deep), so a removed block's
  // descendants are never inspected.
  const stack: DomElement[] = [document.documentElement];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    for (const child of [...el.children]) {
      // <form> counts as junk unless it holds the article: ASP.NET WebForms wrap whole pages in one.
      const kind = junkKind(child);
      if (isHidden(child) || (kind !== null && !holdsArticle(child, kind))) child.remove();
      else stack.push(child);
    }
  }
}
