/** Published npm summarisers to compare speed with; plain CommonJS packages without types. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Summarise = (text: string) => unknown;

interface LexRank {
  summarize(text: string, lines: number, callback: (err: unknown, top: unknown, text: string) => void): void;
}
interface NodeSummarizer {
  SummarizerManager: new (
    text: string,
    sentences: number,
  ) => { getSummaryByFrequency(): { summary: unknown } };
}

export const PEERS: Record<string, () => Summarise> = {
  // LexRank (graph centrality over sentence similarity), three sentences like our summary.
  lexrank: () => {
    const lexrank = require('lexrank') as LexRank;
    return (text) => {
      let result: unknown;
      lexrank.summarize(text, 3, (err, _top, summary) => {
        if (err) throw err instanceof Error ? err : new Error('lexrank failed');
        result = summary;
      });
      return result;
    };
  },
  // node-summarizer's frequency method (its TextRank method is async and far slower).
  'node-summarizer': () => {
    const { SummarizerManager } = require('node-summarizer') as NodeSummarizer;
    return (text) => new SummarizerManager(text, 3).getSummaryByFrequency().summary;
  },
};

export async function loadPeer(name: string): Promise<Summarise> {
  const make = PEERS[name];
  if (!make) throw new Error(`unknown peer ${name}`);
  return make();
}
