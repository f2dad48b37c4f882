import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { articleText, type Article } from '../../article.js';
import { BriefSchema, type Brief } from '../../brief.js';
import type { LlmConfig } from '../../config.js';
import { silentLogger, type Logger } from '../../logger.js';
import { splitSentences } from '../../text/sentences.js';
import type { BriefOptions, Engine } from '../engine.js';
import { selectParagraphs } from './budget.js';
import { createChatCompletion } from './chat-call.js';
import { LlmFailure } from './failure.js';
import { groundOutput, isSufficient } from './grounding.js';
import { buildMessages, repairMessages, type ChatMessage } from './messages.js';
import { MODEL_OUTPUT_JSON_SCHEMA, parseModelOutput, type ModelOutput } from './output.js';
import { loadPrompts, type PromptTemplates } from './prompts.js';

export { LlmFailure, fallbackNote, isLlmFailure } from './failure.js';
export { createOpenAIClient } from './client.js';

export type LlmSettings = Pick<
  LlmConfig,
  | 'model'
  | 'language'
  | 'timeoutMs'
  | 'maxRetries'
  | 'retryAfterCapMs'
  | 'maxInputTokens'
  | 'maxOutputTokens'
  | 'tokenLimitParam'
>;

export interface LlmEngineDeps {
  client: OpenAI;
  settings: LlmSettings;
  /** Writes the fields the model does not (entities, stats, language) and sets the fact count to expect. */
  extractive: Engine;
  /** Read from prompts/ when not given. */
  prompts?: PromptTemplates;
  logger?: Logger;
}

export interface LlmEngine extends Engine {
  readonly name: 'llm';
  /** Everything besides the article that shapes the output: part of the cache key. */
  readonly fingerprint: string;
}

/** Languages that capitalise every noun: a capital letter is no sign of a name there. */
const NOUN_CAPITALISING = new Set(['de', 'lb']);
/** Reasoning models accept only the default temperature. */
const FIXED_TEMPERATURE = /^(o\d|gpt-5)/i;

const primary = (code: string) => code.toLowerCase().split('-')[0] ?? code;

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function createLlmEngine(deps: LlmEngineDeps): LlmEngine {
  const { client, settings, extractive } = deps;
  const logger = deps.logger ?? silentLogger;
  const prompts = deps.prompts ?? loadPrompts();
  const countSentences = (text: string) => splitSentences(text).length;
  const fingerprintOf = (language: string | null) =>
    ['llm', settings.model, prompts.version, language ?? 'auto', `in${settings.maxInputTokens}`].join('|');
  const fingerprint = fingerprintOf(settings.language);

  const request = (messages: ChatMessage[]) => {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: settings.model,
      messages,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'brief',
          strict: true,
          schema: MODEL_OUTPUT_JSON_SCHEMA,
        },
      },
      n: 1,
    };
    body[settings.tokenLimitParam] = settings.maxOutputTokens;
    if (!FIXED_TEMPERATURE.test(settings.model)) body.temperature = 0.2;
    return body;
  };

  const call = async (messages: ChatMessage[], options: BriefOptions): Promise<string> => {
    const completion = await createChatCompletion(client, request(messages), settings, options.signal);
    if (completion.usage) {
      options.onUsage?.({
        model: settings.model,
        promptTokens: completion.usage.prompt_tokens,
        completionTokens: completion.usage.completion_tokens,
      });
    }
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new LlmFailure('refused', 'the model refused');
    return message?.content ?? '';
  };

  const generate = async (messages: ChatMessage[], options: BriefOptions): Promise<ModelOutput> => {
    const first = await call(messages, options);
    const parsed = parseModelOutput(first, countSentences);
    if (parsed.ok) return parsed.value;
    logger.info('llm output invalid, asking once for a repair', { problem: parsed.problem });
    const second = await call(repairMessages(messages, first, parsed.problem), options);
    const repaired = parseModelOutput(second, countSentences);
    if (repaired.ok) return repaired.value;
    throw new LlmFailure('invalid_output', `${parsed.problem}; after repair: ${repaired.problem}`);
  };

  return {
    name: 'llm',
    fingerprint,
    fingerprintFor: (options) =>
      fingerprintOf(options.language !== undefined ? options.language : settings.language),
    async brief(article: Article, options: BriefOptions = {}): Promise<Brief> {
      const language = options.language !== undefined ? options.language : settings.language;
      // The base carries the requested length into the brief (Brief.length, spread below).
      const base = await extractive.brief(article, { signal: options.signal, length: options.length });
      const selection = selectParagraphs(article.paragraphs, settings.maxInputTokens, {
        title: article.title,
      });
      const messages = buildMessages(prompts, {
        title: article.title,
        paragraphs: selection.paragraphs,
        positions: selection.positions,
        totalParagraphs: article.paragraphs.length,
        languageName: language ? languageName(language) : null,
      });
      const output = await generate(messages, options);

      const outputLanguage = language ?? base.language;
      const sameLanguage = primary(outputLanguage) === primary(base.language);
      const grounded = groundOutput(output, articleText(article), {
        checkNames: sameLanguage && !NOUN_CAPITALISING.has(primary(base.language)),
      });
      // The extractive engine knows how many facts the article supports; a one-line text has none.
      const minFacts = Math.min(2, base.keyFacts.length);
      if (grounded.drops.length > 0) logger.info('grounding dropped items', { drops: grounded.drops });
      if (!isSufficient(grounded, minFacts)) {
        throw new LlmFailure(
          'grounding',
          `too little survived grounding: ${grounded.summary.length} summary sentences, ${grounded.kept} facts (need ${minFacts})`,
        );
      }
      return BriefSchema.parse({
        ...base,
        headline: grounded.headline ?? base.headline,
        summary: grounded.summary,
        keyFacts: grounded.keyFacts,
        language: outputLanguage,
        engine: {
          name: 'llm',
          model: settings.model,
          ...(selection.partial
            ? {
                partial: {
                  paragraphsUsed: selection.positions.length,
                  paragraphsTotal: article.paragraphs.length,
                },
              }
            : {}),
        },
        grounding: {
          kept: grounded.kept,
          dropped: grounded.dropped,
          summaryDropped: grounded.summaryDropped,
        },
      } satisfies Brief);
    },
  };
}
