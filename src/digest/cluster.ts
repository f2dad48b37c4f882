import { effectiveTime, type FeedItem } from './feed-item.js';

/**
 * Merges the same story arriving from several feeds or URLs into one cluster, then ranks the
 * clusters by recency and by how many feeds carry them. Pure: only the feed items' own titles,
 * summaries and links are used, so ranking costs no fetch and no brief.
 */
export interface Candidate {
  item: FeedItem;
  feedUrl: string;
  feedTitle: string | null;
}

export interface Cluster {
  /** The representative first (the one to brief), then the other carriers. */
  members: Candidate[];
  /** Newest effective time among the members. */
  time: number;
  /** Distinct feeds that carry the story. */
  feeds: number;
  score: number;
}

const STOP = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with after over says said new not but into about than more up out how why what who when'.split(
    ' ',
  ),
);

export function tokens(text: string | null, limit = 80): Set<string> {
  const words = (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => !STOP.has(w) && (w.length > 1 || /\d/.test(w))).slice(0, limit));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Titles need this many significant words before they may match on words alone ("Live updates" never does). */
const MIN_TITLE_TOKENS = 3;

/** Same story: near-identical headline, backed by similar content when both have some. */
export function sameStory(
  a: { title: Set<string>; body: Set<string> },
  b: { title: Set<string>; body: Set<string> },
): boolean {
  if (a.title.size < MIN_TITLE_TOKENS || b.title.size < MIN_TITLE_TOKENS) return false;
  const title = jaccard(a.title, b.title);
  if (title < 0.5) return false;
  const noBody = a.body.size < 5 || b.body.size < 5;
  const body = noBody ? 0 : jaccard(a.body, b.body);
  return (title >= 0.75 && (noBody || body >= 0.3)) || body >= 0.6;
}

/** Each extra feed carrying a story is worth this much recency. */
const SOURCE_BONUS_DAYS = 0.5;
const DAY = 86_400_000;

export function clusterCandidates(candidates: Candidate[]): Cluster[] {
  const n = candidates.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const byLink = new Map<string, number>();
  const features = candidates.map((c) => ({
    title: tokens(c.item.title, 30),
    body: tokens(c.item.summary),
  }));
  // Only pairs that share a title word are compared: near-linear for real feeds.
  const byWord = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    const link = c.item.linkKey;
    if (link) {
      const first = byLink.get(link);
      if (first === undefined) byLink.set(link, i);
      else union(first, i);
    }
    const compared = new Set<number>();
    for (const word of features[i]!.title) {
      const list = byWord.get(word);
      if (!list) {
        byWord.set(word, [i]);
        continue;
      }
      for (const j of list) {
        if (compared.has(j)) continue;
        compared.add(j);
        if (find(i) !== find(j) && sameStory(features[i]!, features[j]!)) union(i, j);
      }
      list.push(i);
    }
  });

  const groups = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(c);
    else groups.set(root, [c]);
  });

  const clusters = [...groups.values()].map((members): Cluster => {
    const ordered = [...members].sort(
      (a, b) =>
        Number(usable(b)) - Number(usable(a)) ||
        effectiveTime(a.item) - effectiveTime(b.item) ||
        (a.item.key < b.item.key ? -1 : 1),
    );
    const time = Math.max(...members.map((m) => effectiveTime(m.item)));
    const feeds = new Set(members.map((m) => m.feedUrl)).size;
    return { members: ordered, time, feeds, score: time / DAY + SOURCE_BONUS_DAYS * (feeds - 1) };
  });
  return clusters.sort(
    (a, b) => b.score - a.score || (a.members[0]!.item.key < b.members[0]!.item.key ? -1 : 1),
  );
}

/** A member whose link leads to its own article (the one worth briefing). */
function usable(c: Candidate): boolean {
  return c.item.link !== null && !c.item.sharedLink;
}
