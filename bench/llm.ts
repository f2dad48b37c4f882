/**
 * npm run bench:llm — the LLM pipeline against the local fake endpoint (zero model time):
 *   - tokens sent per brief on the dev articles, versus sending the whole article;
 *   - cache hit rate when the same articles are briefed again;
 *   - our pipeline's overhead per brief, excluding the model's time, next to the extractive engine.
 * BRIEF_BENCH_LIVE=1 runs bench/llm-live.ts against the configured real endpoint instead.
 * BRIEF_BENCH_LIMIT (default 200) and BRIEF_BENCH_DATA (default ../shared/eval/cnn-dev.jsonl).
 */
import { articleText, type Article } from '../src/article.js';
import { loadConfig } from '../src/config.js';
import { createExtractiveEngine } from '../src/engines/extractive/index.js';
import { countTokens, selectParagraphs } from '../src/engines/llm/budget.js';
import { createOpenAIClient } from '../src/engines/llm/client.js';
import { createLlmEngine } from '../src/engines/llm/index.js';
import { groundOutput } from '../src/engines/llm/grounding.js';
import { buildMessages } from '../src/engines/llm/messages.js';
import type { ModelOutput } from '../src/engines/llm/output.js';
import { loadPrompts } from '../src/engines/llm/prompts.js';
import { silentLogger } from '../src/logger.js';
import { createBriefService } from '../src/service.js';
import { openSqliteStore } from '../src/store/open-store.js';
import { groundedOutput, startFakeOpenAI } from '../tests/helpers/fake-openai.js';
import { fmt, loadEvalItems, mean, quantile } from './llm-data.js';
import { runLive } from './llm-live.js';

const limit = Number(process.env.BRIEF_BENCH_LIMIT ?? 200);
const dataPath = process.env.BRIEF_BENCH_DATA;

async function runFake(): Promise<void> {
  const items = loadEvalItems(limit, dataPath);
  const fake = await startFakeOpenAI();
  const config = loadConfig({ OPENAI_BASE_URL: fake.url, BRIEF_LLM_MODEL: 'bench-model' });
  const llmConfig = config.llm!;
  const store = openSqliteStore(':memory:');
  const extractive = createExtractiveEngine();
  const client = createOpenAIClient(llmConfig);
  const llm = createLlmEngine({ client, settings: llmConfig, extractive });
  const service = createBriefService({ config, engines: { extractive, llm }, logger: silentLogger, store });
  const prompts = loadPrompts();

  const articles: Article[] = [];
  for (const item of items) articles.push(await service.ingest({ kind: 'text', text: item.article }));

  // Warm-up: JIT, the tokenizer's tables, the HTTP connection.
  // The engine directly, so the service's cache stays cold.
  for (const a of articles.slice(0, 20)) await llm.brief(a);
  fake.requests.length = 0;

  const wholeTokens = articles.map((a) =>
    buildMessages(prompts, {
      title: a.title,
      paragraphs: a.paragraphs,
      positions: a.paragraphs.map((_, i) => i),
      totalParagraphs: a.paragraphs.length,
      languageName: null,
    }).reduce((n, m) => n + countTokens(m.content), 0),
  );

  const pipelineMs: number[] = [];
  const fallbacks = new Map<string, number>();
  let partial = 0;
  let kept = 0;
  let dropped = 0;
  for (const a of articles) {
    const t = performance.now();
    const b = await service.briefArticle(a, { caller: 'bench' });
    pipelineMs.push(performance.now() - t);
    if (b.engine.fallbackCode)
      fallbacks.set(b.engine.fallbackCode, (fallbacks.get(b.engine.fallbackCode) ?? 0) + 1);
    if (b.engine.partial) partial++;
    kept += b.grounding?.kept ?? 0;
    dropped += b.grounding?.dropped ?? 0;
  }
  const sent = fake.requests.map((r) => r.body.messages.reduce((n, m) => n + countTokens(m.content), 0));
  const firstPassRequests = fake.requests.length;

  // The model's stand-in: the same requests sent with the bare client, nothing of ours around them.
  const bareMs: number[] = [];
  for (const r of fake.requests.slice(0, firstPassRequests)) {
    const t = performance.now();
    await client.chat.completions.create({ model: r.body.model, messages: r.body.messages as never });
    bareMs.push(performance.now() - t);
  }
  fake.requests.length = 0;

  const cachedMs: number[] = [];
  for (const a of articles) {
    const t = performance.now();
    await service.briefArticle(a, { caller: 'bench-again' });
    cachedMs.push(performance.now() - t);
  }
  const secondPassRequests = fake.requests.length;

  const extractiveMs: number[] = [];
  const selectMs: number[] = [];
  const groundMs: number[] = [];
  for (const a of articles) {
    let t = performance.now();
    await extractive.brief(a);
    extractiveMs.push(performance.now() - t);
    t = performance.now();
    selectParagraphs(a.paragraphs, llmConfig.maxInputTokens, { title: a.title });
    selectMs.push(performance.now() - t);
    const output = groundedOutput(articleText(a)) as ModelOutput;
    t = performance.now();
    groundOutput(output, articleText(a), { checkNames: true });
    groundMs.push(performance.now() - t);
  }
  const sweep = [800, 1000, 1500, 2000, 3000].map((budget) => {
    const sel = articles.map((a) => selectParagraphs(a.paragraphs, budget, { title: a.title }));
    return {
      budget,
      tokens: mean(sel.map((x) => x.tokensSent)),
      partial: sel.filter((x) => x.partial).length,
    };
  });
  const articleTokens = mean(articles.map((a) => selectParagraphs(a.paragraphs, Infinity).tokensTotal));

  const overhead = pipelineMs.map((ms, i) => ms - (bareMs[i] ?? 0));
  const totalSent = sent.reduce((a, b) => a + b, 0);
  const totalWhole = wholeTokens.reduce((a, b) => a + b, 0);
  const line = (label: string, v: number[], unit: string, d = 1) =>
    console.log(
      `  ${label.padEnd(44)} mean ${fmt(mean(v), d).padStart(7)}  p50 ${fmt(quantile(v, 0.5), d).padStart(7)}  p95 ${fmt(quantile(v, 0.95), d).padStart(7)} ${unit}`,
    );

  console.log(`bench:llm (fake endpoint, zero model time) on ${articles.length} dev articles`);
  console.log(
    `  input budget ${llmConfig.maxInputTokens} article tokens, output cap ${llmConfig.maxOutputTokens}\n`,
  );
  console.log('Tokens sent per brief (system + user prompt, o200k tokenizer):');
  line('ours (lead + densest paragraphs in budget)', sent, 'tokens', 0);
  line('baseline: the whole article', wholeTokens, 'tokens', 0);
  console.log(
    `  total ${fmt(totalSent)} vs ${fmt(totalWhole)} tokens: ${fmt(100 * (1 - totalSent / totalWhole), 1)}% fewer; ` +
      `${partial}/${articles.length} briefs based on part of the article\n`,
  );
  console.log(`Input budget sweep (article tokens only; whole article: mean ${fmt(articleTokens)}):`);
  for (const x of sweep) {
    console.log(
      `  budget ${fmt(x.budget).padStart(5)}: mean ${fmt(x.tokens).padStart(5)} tokens sent, ${x.partial} partial`,
    );
  }
  console.log('');
  console.log('Cache (same articles briefed again, another caller):');
  console.log(
    `  model calls: first pass ${firstPassRequests}, second pass ${secondPassRequests}; ` +
      `hit rate ${fmt(100 * (1 - secondPassRequests / articles.length), 1)}%\n`,
  );
  console.log('Time per brief (ms):');
  line('LLM pipeline, end to end (fake model)', pipelineMs, 'ms', 2);
  line('bare openai client round trip (model stand-in)', bareMs, 'ms', 2);
  line('our overhead = pipeline - round trip', overhead, 'ms', 2);
  line('served from the cache', cachedMs, 'ms', 2);
  line('baseline: extractive engine alone', extractiveMs, 'ms', 2);
  line('  of ours: input selection (tokenizer)', selectMs, 'ms', 2);
  line('  of ours: grounding check', groundMs, 'ms', 2);
  console.log(
    '  (the LLM pipeline runs the extractive engine too: it supplies entities, stats and the fallback)',
  );
  console.log(
    `\nGrounding on the fake's verbatim answers: ${kept} facts kept, ${dropped} dropped; fallbacks: ` +
      (fallbacks.size ? [...fallbacks].map(([c, n]) => `${c} ${n}`).join(', ') : 'none'),
  );
  await store.close();
  await fake.close();
}

if (process.env.BRIEF_BENCH_LIVE === '1') {
  await runLive({ limit: Number(process.env.BRIEF_BENCH_LIMIT ?? 50), dataPath });
} else {
  await runFake();
}
