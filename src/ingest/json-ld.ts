import type { DomDocument } from './dom.js';

/**
 * schema.org article facts from <script type="application/ld+json">. Pages nest them in arrays
 * and @graph; a broken block is skipped, never fatal.
 */
export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  authors: string[];
  publisher: string | null;
  /** false when the page marks the article as paywalled (Google's paywalled-content markup). */
  isAccessibleForFree: boolean | null;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function collect(value: unknown, out: Json[], depth = 0): void {
  if (depth > 5) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
  } else if (isObject(value)) {
    out.push(value);
    if (value['@graph'] !== undefined) collect(value['@graph'], out, depth + 1);
  }
}

function types(node: Json): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(names);
  if (isObject(value)) return names(value['name']);
  return [];
}

function accessible(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  return null;
}

export function readJsonLd(document: DomDocument): JsonLdArticle | null {
  const nodes: Json[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      collect(JSON.parse(script.textContent ?? ''), nodes);
    } catch {
      // Malformed JSON-LD is common; the page is still readable without it.
    }
  }
  const article =
    nodes.find((n) => types(n).some((t) => /Article$|Posting$|^Report$/.test(t))) ??
    nodes.find((n) => str(n['headline']) !== null);
  if (!article) return null;
  const authors = names(article['author']).filter((n) => !/^https?:\/\//.test(n));
  return {
    headline: str(article['headline']),
    datePublished: str(article['datePublished']) ?? str(article['dateCreated']),
    authors,
    publisher: names(article['publisher'])[0] ?? null,
    isAccessibleForFree: accessible(article['isAccessibleForFree']),
  };
}
