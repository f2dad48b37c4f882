import { createHash } from 'node:crypto';
import type http from 'node:http';
import { startArticleServer, type ArticleServer } from './article-server.js';

/**
 * Feeds and articles on 127.0.0.1 for digest tests and the digest benchmark: RSS, Atom, RDF and
 * JSON Feed documents built from plain data, served with ETag and Last-Modified and answered 304
 * when the client's validators match, with every request counted per path.
 *
 *   const server = await startFeedServer();
 *   server.setFeed('/news.xml', { title: 'News', items: [...] });           // RSS by default
 *   server.setArticle('/a/1', 'Title', ['Paragraph one ...', '...']);
 *   server.count('/news.xml'); server.notModified('/news.xml');
 */
export interface FeedDocItem {
  guid?: string;
  title?: string;
  link?: string;
  description?: string;
  /** HTML content (content:encoded in RSS, content in Atom, content_html in JSON Feed). */
  content?: string;
  published?: number;
}

export interface FeedDoc {
  title: string;
  items: FeedDocItem[];
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

const x = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rssXml(doc: FeedDoc): string {
  const items = doc.items
    .map(
      (i) =>
        `<item>${i.title !== undefined ? `<title>${x(i.title)}</title>` : ''}${
          i.link ? `<link>${x(i.link)}</link>` : ''
        }${i.guid ? `<guid isPermaLink="false">${x(i.guid)}</guid>` : ''}${
          i.published !== undefined ? `<pubDate>${new Date(i.published).toUTCString()}</pubDate>` : ''
        }${i.description ? `<description>${x(i.description)}</description>` : ''}${
          i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''
        }</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${x(doc.title)}</title><link>https://example.test/</link><description>Test feed</description>
${items}
</channel></rss>`;
}

export function atomXml(doc: FeedDoc): string {
  const entries = doc.items
    .map((i) => {
      const when = new Date(i.published ?? 0).toISOString();
      return `<entry><id>${x(i.guid ?? i.link ?? i.title ?? '')}</id><title>${x(i.title ?? '')}</title>${
        i.link ? `<link rel="alternate" href="${x(i.link)}"/>` : ''
      }<updated>${when}</updated>${i.published !== undefined ? `<published>${when}</published>` : ''}${
        i.description ? `<summary>${x(i.description)}</summary>` : ''
      }${i.content ? `<content type="html">${x(i.content)}</content>` : ''}</entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${x(doc.title)}</title><id>urn:test:feed</id>
<updated>2025-01-01T00:00:00Z</updated>
${entries}
</feed>`;
}

export function rdfXml(doc: FeedDoc): string {
  const items = doc.items
    .map(
      (i) =>
        `<item rdf:about="${x(i.link ?? i.guid ?? '')}"><title>${x(i.title ?? '')}</title><link>${x(i.link ?? '')}</link>${
          i.published !== undefined ? `<dc:date>${new Date(i.published).toISOString()}</dc:date>` : ''
        }${i.description ? `<description>${x(i.description)}</description>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.test/"><title>${x(doc.title)}</title><link>https://example.test/</link><description>Test</description></channel>
${items}
</rdf:RDF>`;
}

export function jsonFeed(doc: FeedDoc): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    items: doc.items.map((i) => ({
      id: i.guid ?? i.link ?? i.title,
      url: i.link,
      title: i.title,
      summary: i.description,
      content_html: i.content ?? `<p>${x(i.description ?? '')}</p>`,
      date_published: i.published !== undefined ? new Date(i.published).toISOString() : undefined,
    })),
  });
}

const render: Record<FeedFormat, (doc: FeedDoc) => string> = {
  rss: rssXml,
  atom: atomXml,
  rdf: rdfXml,
  json: jsonFeed,
};
const mime: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rdf: 'application/rdf+xml',
  json: 'application/feed+json',
};

/** A news page the extractive engine can brief: a title and real paragraphs. */
export function articleHtml(title: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><title>${x(title)}</title></head><body><article><h1>${x(
    title,
  )}</h1>${paragraphs.map((p) => `<p>${x(p)}</p>`).join('')}</article></body></html>`;
}

/** Sentences about a named subject: enough words (~150) for an ok extractive brief. */
export function storyParagraphs(subject: string, seed = 0): string[] {
  const n = (k: number) => ((seed * 7919 + k * 104729) % 900) + 100;
  return [
    `${subject} was announced on Tuesday by city officials, who said the plan would cost ${n(1)} million dollars over five years.`,
    `The council voted ${n(2) % 9} to 2 in favour after a long debate, according to minutes published on its website.`,
    `Residents had asked for the change for years, said Maria Lopez, who leads a neighbourhood group of ${n(3)} members.`,
    `Work on ${subject.toLowerCase()} is expected to begin in the spring, and the first phase should be finished within ${n(4) % 20} months.`,
    `Critics warned that the budget could grow, pointing to a similar project that ran ${n(5) % 50} percent over its estimate.`,
    `The mayor said in a statement that the city would publish progress reports every quarter so that people can follow the spending.`,
  ];
}

interface Versioned {
  body: string;
  contentType: string;
  etag: string;
  lastModified: string;
  validators: boolean;
}

export interface FeedServer {
  readonly server: ArticleServer;
  readonly port: number;
  url(path: string): string;
  /** Serves (or replaces) a feed; the ETag and Last-Modified change with the content. */
  setFeed(path: string, doc: FeedDoc, format?: FeedFormat, options?: { validators?: boolean }): void;
  /** Serves raw bytes under a content type (broken feeds, HTML pages). */
  setRaw(path: string, body: string, contentType: string): void;
  setArticle(path: string, title: string, paragraphs: string[]): void;
  /** Requests received for a path (any status). */
  count(path: string): number;
  /** 304 answers sent for a path. */
  notModified(path: string): number;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const server = await startArticleServer();
  const docs = new Map<string, Versioned>();
  const notModified = new Map<string, number>();
  let clock = Date.UTC(2025, 0, 1);

  const handler =
    (path: string) =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      const doc = docs.get(path);
      if (!doc) {
        res.writeHead(404).end();
        return;
      }
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      // RFC 9110 13.2.2: If-None-Match wins over If-Modified-Since when both are sent.
      const fresh =
        doc.validators &&
        (inm !== undefined
          ? inm.split(',').some((t) => t.trim() === doc.etag)
          : ims !== undefined && Date.parse(ims) >= Date.parse(doc.lastModified));
      if (fresh) {
        notModified.set(path, (notModified.get(path) ?? 0) + 1);
        res.writeHead(304, { etag: doc.etag, 'last-modified': doc.lastModified }).end();
        return;
      }
      const headers: Record<string, string> = { 'content-type': doc.contentType };
      if (doc.validators) {
        headers.etag = doc.etag;
        headers['last-modified'] = doc.lastModified;
      }
      res.writeHead(200, headers).end(doc.body);
    };

  const put = (path: string, body: string, contentType: string, validators = true) => {
    clock += 60_000;
    docs.set(path, {
      body,
      contentType,
      etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`,
      lastModified: new Date(clock).toUTCString(),
      validators,
    });
    server.route(path, handler(path));
  };

  return {
    server,
    port: server.port,
    url: (path) => server.url(path),
    setFeed: (path, doc, format = 'rss', options = {}) =>
      put(path, render[format](doc), mime[format], options.validators ?? true),
    setRaw: (path, body, contentType) => put(path, body, contentType, false),
    setArticle: (path, title, paragraphs) =>
      put(path, articleHtml(title, paragraphs), 'text/html; charset=utf-8', false),
    count: (path) => server.requests.filter((r) => r.path.split('?')[0] === path).length,
    notModified: (path) => notModified.get(path) ?? 0,
    close: () => server.close(),
  };
}
