/**
 * A small language detector: the share of a text's words found in each language's most frequent
 * function words. Enough to tell English from German, French, Spanish, Italian, Portuguese and
 * Dutch news, and to say "und" (undetermined) rather than guess on short or mixed text.
 */
import { ENGLISH_STOPWORDS, firstWords } from './tokens.js';

const PROFILES: Readonly<Record<string, ReadonlySet<string>>> = {
  en: set(
    'the of and to in is that for it with as was on be by at this are from have has had not but were which an they their been its will would who said',
  ),
  de: set(
    'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über so zum war haben nur oder',
  ),
  fr: set(
    'le la les de des et en un une du est que qui dans pour pas au sur par plus se ne ce il sont avec elle ont été aux cette mais ou nous leur lui sa son ses',
  ),
  es: set(
    'el la de que y en los del se las por un una con no su para es al lo como más pero sus le ya o fue este ha sí porque esta entre cuando muy sin sobre también',
  ),
  it: set(
    'il di che e la in un una per non è sono del della con si da al le dei nel alla gli anche come più ma lo ha questo delle degli sul nella ci essere stato',
  ),
  pt: set(
    'o a de que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também',
  ),
  nl: set(
    'de het een van en in is dat op te zijn met voor niet aan er die om ook als bij maar door over nog wordt naar uit dan heeft worden kan hij ze was al tot',
  ),
};

function set(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

/** Each function word with the languages it belongs to: one lookup per sampled word, not seven. */
const LANGUAGES_OF = new Map<string, string[]>();
for (const [code, profile] of Object.entries(PROFILES)) {
  for (const w of profile) LANGUAGES_OF.set(w, [...(LANGUAGES_OF.get(w) ?? []), code]);
}

/** Words looked at: enough for a stable vote, bounded so a huge text costs nothing extra. */
const SAMPLE_WORDS = 600;
/** Below these, the evidence is too thin or too mixed to name a language. */
const MIN_HITS = 4;
const MIN_SHARE = 0.12;
const MIN_MARGIN = 1.25;

export interface LanguageGuess {
  /** ISO 639-1 code, or "und" when unsure. */
  code: string;
  /** Share of sampled words that are function words of the chosen language. */
  share: number;
}

export function detectLanguage(text: string): LanguageGuess {
  const sample = firstWords(text.slice(0, SAMPLE_WORDS * 12), SAMPLE_WORDS).map((w) => w.toLowerCase());
  if (sample.length === 0) return { code: 'und', share: 0 };
  const hits = new Map<string, number>(Object.keys(PROFILES).map((code) => [code, 0]));
  for (const w of sample) {
    for (const code of LANGUAGES_OF.get(w) ?? []) hits.set(code, (hits.get(code) ?? 0) + 1);
  }
  const scores = [...hits].map(([code, n]) => ({ code, hits: n }));
  scores.sort((a, b) => b.hits - a.hits || a.code.localeCompare(b.code));
  const [best, second] = scores;
  if (!best) return { code: 'und', share: 0 };
  const share = best.hits / sample.length;
  const clear = best.hits >= MIN_HITS && share >= MIN_SHARE && best.hits >= (second?.hits ?? 0) * MIN_MARGIN;
  return { code: clear ? best.code : 'und', share };
}

/** Detected language first; the page's declared language only when detection cannot tell. */
export function resolveLanguage(text: string, declared: string | null): string {
  const detected = detectLanguage(text).code;
  if (detected !== 'und') return detected;
  const primary = /^([a-z]{2,3})(?:[-_]|$)/i.exec(declared?.trim() ?? '')?.[1];
  return primary ? primary.toLowerCase() : 'und';
}

/** Function words to ignore when comparing sentences; the detector's profile outside English. */
export function stopwordsFor(code: string): ReadonlySet<string> {
  if (code === 'en' || code === 'und') return ENGLISH_STOPWORDS;
  return PROFILES[code] ?? ENGLISH_STOPWORDS;
}
