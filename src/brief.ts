import { z } from 'zod';

/**
 * The Brief: the one contract between the core, the adapters and users (JSON output).
 * Field names are stable; additive changes only. Bump BRIEF_SCHEMA_VERSION on a breaking change.
 */
export const BRIEF_SCHEMA_VERSION = 1;

/** The summary is 1-3 sentences of about 80 words at most: a ten-second read. */
export const SUMMARY_MAX_SENTENCES = 3;
export const SUMMARY_MAX_WORDS = 80;
/** 3-6 key facts when the article has that many; a one-sentence text gets none rather than invented ones. */
export const KEY_FACTS_MIN = 3;
export const KEY_FACTS_MAX = 6;

export const extractionStatuses = ['ok', 'thin', 'paywalled', 'blocked', 'unsupported'] as const;
export type ExtractionStatus = (typeof extractionStatuses)[number];

/**
 * How long a brief the user asked for: `short` (one sentence, three facts), `standard` (up to three
 * sentences of about 80 words, three to six facts), `detailed` (up to five sentences of about 150
 * words, up to eight facts). The engines turn it into budgets; every surface can ask for one.
 */
export const briefLengths = ['short', 'standard', 'detailed'] as const;
export type BriefLength = (typeof briefLengths)[number];
export const DEFAULT_BRIEF_LENGTH: BriefLength = 'standard';

export function isBriefLength(value: unknown): value is BriefLength {
  return typeof value === 'string' && (briefLengths as readonly string[]).includes(value);
}

export const engineNames = ['extractive', 'llm'] as const;
export type EngineName = (typeof engineNames)[number];

export const KeyFactSchema = z.object({
  /** The fact in a few words, written for a reader in a hurry. */
  text: z.string().min(1),
  /** A verbatim span of the article text that supports `text`. */
  quote: z.string().min(1),
});
export type KeyFact = z.infer<typeof KeyFactSchema>;

export const EntitiesSchema = z.object({
  people: z.array(z.string()),
  organizations: z.array(z.string()),
  places: z.array(z.string()),
  dates: z.array(z.string()),
});
export type Entities = z.infer<typeof EntitiesSchema>;

export const SourceSchema = z.object({
  /** The canonical URL of the article, or null for pasted text and files. */
  url: z.string().url().nullable(),
  title: z.string().nullable(),
  siteName: z.string().nullable(),
  byline: z.string().nullable(),
  /** ISO 8601 when the page states it. */
  publishedTime: z.string().nullable(),
});
export type Source = z.infer<typeof SourceSchema>;

export const ExtractionSchema = z.object({
  status: z.enum(extractionStatuses),
  /** Why the status is not ok, in words a user understands (e.g. "based on a teaser"). */
  note: z.string().optional(),
});
export type Extraction = z.infer<typeof ExtractionSchema>;

/** Why the LLM engine's brief was not used; stable codes for programs (fallbackReason is for people). */
export const fallbackCodes = [
  'timeout',
  'auth',
  'rate_limited',
  'server_error',
  'connection',
  'bad_request',
  'invalid_output',
  'refused',
  'grounding',
  'aborted',
  'internal',
] as const;
export type FallbackCode = (typeof fallbackCodes)[number];

export const EngineInfoSchema = z.object({
  name: z.enum(engineNames),
  model: z.string().optional(),
  /** Set when the requested engine failed and another one wrote this brief: a short note to show. */
  fallbackReason: z.string().optional(),
  /** The same reason as a stable code (additive, optional). */
  fallbackCode: z.enum(fallbackCodes).optional(),
  /**
   * Set when the engine read only part of a long article (the LLM's input budget): show that the
   * brief is based on part of the article.
   */
  partial: z
    .object({
      paragraphsUsed: z.number().int().nonnegative(),
      paragraphsTotal: z.number().int().nonnegative(),
    })
    .optional(),
});
export type EngineInfo = z.infer<typeof EngineInfoSchema>;

export const BriefSchema = z.object({
  version: z.literal(BRIEF_SCHEMA_VERSION),
  headline: z.string().min(1),
  summary: z.array(z.string().min(1)).min(1).max(SUMMARY_MAX_SENTENCES),
  keyFacts: z.array(KeyFactSchema).max(KEY_FACTS_MAX),
  entities: EntitiesSchema,
  source: SourceSchema,
  stats: z.object({
    words: z.number().int().nonnegative(),
    readingMinutes: z.number().int().positive(),
  }),
  /** ISO 639-1 code when detected ("en", "de", ...), "und" when it cannot be told. */
  language: z.string().min(2),
  extraction: ExtractionSchema,
  engine: EngineInfoSchema,
  /** The length that was asked for; briefs written before lengths existed read as `standard`. */
  length: z.enum(briefLengths).default(DEFAULT_BRIEF_LENGTH),
  /**
   * LLM briefs only: how many of the model's key facts survived the grounding check (quote found
   * verbatim, no number or name absent from the article) and how many were dropped.
   */
  grounding: z
    .object({
      kept: z.number().int().nonnegative(),
      dropped: z.number().int().nonnegative(),
      summaryDropped: z.number().int().nonnegative(),
    })
    .optional(),
});
export type Brief = z.infer<typeof BriefSchema>;

/** JSON Schema of the Brief, for users of the JSON output and for the LLM response format. */
export function briefJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BriefSchema);
}
