import type { Article } from '../article.js';
import { BriefError } from '../errors.js';
import { ingestFile, ingestStream, type InputLimits } from '../ingest/index.js';
import type { CliIo } from './io.js';

/** A URL with its scheme: it goes to ingest, which explains why ftp: or file: are refused. */
export const LOOKS_LIKE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `example.com`, `www.news.example.co.uk:8080`: labels, a dot, a top-level domain of letters. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?$/i;
/** Endings of files we read, which a bare name like `notes.md` has rather than a domain. */
const FILE_ENDINGS = new Set([
  'html',
  'htm',
  'xhtml',
  'shtml',
  'txt',
  'text',
  'md',
  'markdown',
  'json',
  'jsonl',
]);

/**
 * `example.com/news/story`: a web address typed without `https://`. Only asked once no file of
 * that name exists. A host followed by a path always qualifies; a bare host only when its ending
 * is not one of a file we read.
 */
export function schemelessUrl(arg: string): string | null {
  if (/\s/.test(arg) || /^[./~\\-]/.test(arg)) return null;
  const slash = arg.indexOf('/');
  const host = slash < 0 ? arg : arg.slice(0, slash);
  if (!HOST.test(host)) return null;
  const tld = host.replace(/:\d+$/, '').split('.').pop()?.toLowerCase() ?? '';
  if (slash < 0 && FILE_ENDINGS.has(tld)) return null;
  return `https://${arg}`;
}

/**
 * A file or stdin (`-`) as an article. A name that is no file but looks like a web address
 * without its scheme gets a message that says to add `https://`: we do not fetch it on a guess,
 * since a mistyped path should never turn into a request to some host.
 */
export async function readTarget(
  target: string,
  io: Pick<CliIo, 'stdin'>,
  limits: InputLimits,
): Promise<Article> {
  if (target === '-') return ingestStream(io.stdin, limits, null);
  try {
    return await ingestFile(target, limits);
  } catch (err) {
    const url = schemelessUrl(target);
    const missing = (err as { cause?: { code?: unknown } }).cause?.code === 'ENOENT';
    if (url && missing && err instanceof BriefError) {
      throw new BriefError(
        'file_unreadable',
        `There is no file named "${target}". To brief the web page, add https:// (brief ${url}).`,
        { cause: err },
      );
    }
    throw err;
  }
}
