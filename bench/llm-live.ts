/**
 * BRIEF_BENCH_LIVE=1 npm run bench:llm — a real endpoint (OPENAI_API_KEY / OPENAI_BASE_URL /
 * BRIEF_LLM_MODEL from the environment): grounding kept/dropped, fallbacks, tokens, and ROUGE of
 * the LLM's summary next to the extractive engine's on the same articles. Costs money; defaults to
 * 50 articles (BRIEF_BENCH_LIMIT).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createEngines } from '../src/engines/create-engines.js';
import { createLogger } from '../src/logger.js';
import { createBriefService } from '../src/service.js';
import { openSqliteStore } from '../src/store/open-store.js';
import { fmt, loadEvalItems, mean, REPO_ROOT } from './llm-data.js';

interface RougeScores {
  rouge1: { f: number };
  rouge2: { f: number };
  rougeLsum: { f: number };
}
interface RougeModule {
  loadStemmer(): Promise<unknown>;
  scoreSummary(reference: string, candidate: string, options: { stem: unknown }): RougeScores;
}

export async function runLive(options: { limit: number; dataPath?: string }): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.llm) {
    console.error('BRIEF_BENCH_LIVE=1 needs OPENAI_API_KEY or OPENAI_BASE_URL (and network access to it).');
    process.exitCode = 2;
    return;
  }
  process.env.ROUGE_STEMMER_PATH ??= resolve(REPO_ROOT, 'node_modules/stemmer');
  const rouge = (await import(
    pathToFileURL(resolve(REPO_ROOT, '../shared/eval/rouge.mjs')).href
  )) as RougeModule;
  const stem = await rouge.loadStemmer();
  const logger = createLogger('warn');
  const engines = createEngines(config, logger);
  const store = openSqliteStore(':memory:');
  const service = createBriefService({ config, engines, logger, store });

  const items = loadEvalItems(options.limit, options.dataPath);
  const scores = { llm: [] as RougeScores[], extractive: [] as RougeScores[] };
  const fallbacks = new Map<string, number>();
  let kept = 0;
  let dropped = 0;
  let summaryDropped = 0;
  let partial = 0;
  const started = performance.now();
  for (const item of items) {
    const article = await service.ingest({ kind: 'text', text: item.article });
    const [llm, extractive] = [
      await service.briefArticle(article, { engine: 'llm', caller: 'bench-live' }),
      await engines.extractive.brief(article),
    ];
    if (llm.engine.fallbackCode)
      fallbacks.set(llm.engine.fallbackCode, (fallbacks.get(llm.engine.fallbackCode) ?? 0) + 1);
    kept += llm.grounding?.kept ?? 0;
    dropped += llm.grounding?.dropped ?? 0;
    summaryDropped += llm.grounding?.summaryDropped ?? 0;
    if (llm.engine.partial) partial++;
    scores.llm.push(rouge.scoreSummary(item.summary, llm.summary.join('\n'), { stem }));
    scores.extractive.push(rouge.scoreSummary(item.summary, extractive.summary.join('\n'), { stem }));
  }
  const usage = await store.usageTotals();
  const r = (s: RougeScores[]) =>
    ['rouge1', 'rouge2', 'rougeLsum']
      .map((k) => fmt(100 * mean(s.map((x) => x[k as keyof RougeScores].f)), 2))
      .join(' / ');
  console.log(
    `bench:llm live: ${config.llm.model} on ${items.length} dev articles (${fmt((performance.now() - started) / 1000, 1)} s)`,
  );
  console.log(`  ROUGE-1 / 2 / Lsum F1 x100  llm (incl. fallbacks): ${r(scores.llm)}`);
  console.log(`                              extractive:            ${r(scores.extractive)}`);
  console.log(
    `  grounding: ${kept} facts kept, ${dropped} dropped, ${summaryDropped} summary sentences dropped`,
  );
  console.log(
    `  fallbacks: ${fallbacks.size ? [...fallbacks].map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}; partial input: ${partial}`,
  );
  console.log(
    `  tokens: ${fmt(usage.reduce((n, u) => n + u.promptTokens, 0))} prompt, ${fmt(usage.reduce((n, u) => n + u.completionTokens, 0))} completion in ${usage.reduce((n, u) => n + u.calls, 0)} calls`,
  );
  await store.close();
}
