// One fresh process for bench/startup.ts: a worker brief service on one thread, from the module
// given (src/worker-service.ts under tsx, or dist/src/worker-service.js), and how long its first
// briefs take with and without warm(). Prints one JSON line.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [modulePath, mode] = process.argv.slice(2);
const dir = pathToFileURL(resolve(modulePath, '..')).href;
const { createWorkerBriefService } = await import(pathToFileURL(resolve(modulePath)).href);
const ext = modulePath.endsWith('.ts') ? '.ts' : '.js';
const { loadConfig } = await import(`${dir}/config${ext}`);
const { silentLogger } = await import(`${dir}/logger${ext}`);

const TEXT =
  'The city council voted on Tuesday to expand the tram network by 12 kilometres. ' +
  'Construction will start in 2026 and cost 300 million euros. ' +
  'The mayor said the new lines would serve 80,000 residents. ' +
  'Opposition members criticised the cost and asked for a referendum.';
const html = `<html><head><title>Tram network grows</title></head><body><article>${TEXT.split('. ')
  .map((s) => `<p>${s}.</p>`)
  .join('')}</article></body></html>`;

const service = createWorkerBriefService({
  config: loadConfig({ BRIEF_ENGINE: 'extractive' }),
  logger: silentLogger,
  logLevel: 'silent',
  size: 1,
});
const timed = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
const brief = () => service.brief({ kind: 'html', html });
const result = {};
if (mode === 'warm') result.warmMs = await timed(() => service.warm());
result.firstMs = await timed(brief);
const later = [];
for (let i = 0; i < 9; i++) later.push(await timed(brief));
result.tenthMs = later.at(-1);
await service.close();
console.log(JSON.stringify(result));
