import { countWords } from '../../text/tokens.js';

/** An adult reads news at roughly 230 words per minute. */
export const WORDS_PER_MINUTE = 230;

export function articleStats(text: string): { words: number; readingMinutes: number } {
  const words = countWords(text);
  return { words, readingMinutes: Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)) };
}
