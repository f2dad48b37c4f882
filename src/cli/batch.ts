import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { BriefError, isBriefError, userMessageOf } from '../errors.js';
import { cliMessage } from './args.js';
import type { BriefInput, BriefService, EngineChoice } from '../service.js';
import type { CliIo } from './io.js';

/**
 * Batch mode: one JSON object per input line, one JSON brief per output line with the same id.
 * A bad line is reported on stderr and the batch goes on; benchmarks and scripts rely on that.
 * A line gives `article` (text) or `html`, each optionally with the `url` it came from (a scraped
 * archive, a dataset: the URL is the source, nothing is fetched), or `url` alone (fetched).
 */
const BatchLine = z.object({
  id: z.union([z.string(), z.number()]),
  article: z.string().optional(),
  url: z.string().optional(),
  html: z.string().optional(),
});

class BadLine extends Error {}

/** One input line to its id and brief input; BadLine says what is wrong with it. */
function parseLine(raw: string): { id: string | number; input: BriefInput } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadLine('not valid JSON');
  }
  const parsed = BatchLine.safeParse(json);
  if (!parsed.success) throw new BadLine('expected an object with "id" (string or number) and "article"');
  const { id, article, url, html } = parsed.data;
  const bad = (why: string) => Object.assign(new BadLine(why), { id });
  if (article !== undefined && html !== undefined) throw bad('give "article" or "html", not both');
  if (article !== undefined) return { id, input: { kind: 'text', text: article, url: url ?? null } };
  if (html !== undefined) return { id, input: { kind: 'html', html, url: url ?? null } };
  if (url !== undefined) return { id, input: { kind: 'url', url } };
  throw bad('needs "article", "html" or "url"');
}

export interface BatchDeps {
  io: CliIo;
  service: BriefService;
  engine?: EngineChoice;
  maxInputBytes: number;
  /** Brief pages that do not look like articles instead of reporting their lines as failed. */
  force?: boolean;
}

/** Returns 0 when every line was briefed, 3 when at least one line failed. */
export async function runBatch(file: string, deps: BatchDeps): Promise<number> {
  return runJsonl(file, deps, async (input) =>
    deps.service.brief(input, { engine: deps.engine, caller: 'cli:batch', articlesOnly: !deps.force }),
  );
}

/**
 * Reads `{"id", "article" | "url" | "html"}` lines and prints `{"id", ...result}` for each;
 * `brief --jsonl` and `brief extract --jsonl` differ only in what they do with one input.
 * Returns 0 when every line succeeded, 3 when at least one failed.
 */
export async function runJsonl(
  file: string,
  deps: { io: CliIo; maxInputBytes: number },
  handle: (input: BriefInput) => Promise<object>,
): Promise<number> {
  const { io } = deps;
  const stream = file === '-' ? Readable.from(io.stdin) : createReadStream(file);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  try {
    for await (const raw of lines) {
      lineNo++;
      if (!raw.trim()) continue;
      let id: string | number | undefined;
      try {
        if (Buffer.byteLength(raw) > deps.maxInputBytes) {
          throw new BriefError('input_too_large', `the line is longer than ${deps.maxInputBytes} bytes`);
        }
        const line = parseLine(raw);
        id = line.id;
        const result = await handle(line.input);
        io.out(JSON.stringify({ id, ...result }));
      } catch (err) {
        failed++;
        id ??= (err as { id?: string | number }).id;
        const what =
          err instanceof BadLine ? err.message : isBriefError(err) ? cliMessage(err) : userMessageOf(err);
        io.err(`brief: line ${lineNo}${id === undefined ? '' : ` (id ${JSON.stringify(id)})`}: ${what}`);
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(`brief: cannot read ${file}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(err)}`}`);
    return 3;
  }
  return failed > 0 ? 3 : 0;
}
