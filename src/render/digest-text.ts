import type { Digest } from '../digest/types.js';
import { stripControl, wrap } from './text.js';

/** A digest for the terminal (the CLI preview): numbered stories, their line and sources, failed feeds. */
export function renderDigestText(digest: Digest, style: { width: number; color: boolean }): string {
  const bold = (s: string) => (style.color ? `\u001b[1m${s}\u001b[0m` : s);
  const dim = (s: string) => (style.color ? `\u001b[2m${s}\u001b[0m` : s);
  const width = Math.max(40, Math.min(style.width, 100));
  const n = digest.stories.length;
  const out: string[] = [
    bold(
      `Digest for ${digest.localDate} (${digest.timezone}): ${n === 0 ? 'nothing new' : `${n} ${n === 1 ? 'story' : 'stories'}`}`,
    ),
  ];
  digest.stories.forEach((story, i) => {
    const num = `${i + 1}. `;
    const indent = ' '.repeat(num.length);
    out.push('');
    out.push(bold(wrap(stripControl(story.headline), width, indent).replace(indent, num)));
    out.push(wrap(stripControl(story.line), width, indent));
    const sources = story.sources.map((s) =>
      s.feedTitle ? `${stripControl(s.feedTitle)} <${s.url}>` : `<${s.url}>`,
    );
    out.push(dim(wrap(`Sources: ${sources.join(', ')}`, width, indent)));
  });
  if (digest.failedFeeds.length > 0) {
    out.push('');
    out.push(bold('Feeds that failed'));
    for (const f of digest.failedFeeds) {
      const name = f.title ? `${stripControl(f.title)} <${f.feedUrl}>` : f.feedUrl;
      out.push(wrap(`${name}: ${stripControl(f.reason)}`, width, '    ').replace(/^ {4}/, '  • '));
    }
  }
  return out.join('\n');
}
