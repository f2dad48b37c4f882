import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { BriefError, userMessageOf } from '../errors.js';
import type { BriefInput, BriefService, EngineChoice } from '../service.js';
import type { CliIo } from './io.js';

/**
 * Batch mode: one JSON object per input line, one JSON brief per output line with the same id.
 * A bad line is reported on stderr and the batch goes on; benchmarks and scripts rely on that.
 */
const BatchLine = z
  .object({
    id: z.union([z.string(), z.number()]),
    article: z.string().optional(),
    url: z.string().optional(),
    html: z.string().optional(),
  })
  .refine((l) => [l.article, l.url, l.html].filter((v) => v !== undefined).length === 1, {
    message: 'needs exactly one of "article", "url" or "html"',
  });

export interface BatchDeps {
  io: CliIo;
  service: BriefService;
  engine?: EngineChoice;
  maxInputBytes: number;
}

/** Returns 0 when every line was briefed, 3 when at least one line failed. */
export async function runBatch(file: string, deps: BatchDeps): Promise<number> {
  const { io, service } = deps;
  const stream =
    file === '-' ? Readable.from([await io.readStdin(Number.MAX_SAFE_INTEGER)]) : createReadStream(file);
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
        const line = BatchLine.parse(JSON.parse(raw));
        id = line.id;
        const input: BriefInput =
          line.url !== undefined
            ? { kind: 'url', url: line.url }
            : line.html !== undefined
              ? { kind: 'html', html: line.html }
              : { kind: 'text', text: line.article ?? '' };
        const brief = await service.brief(input, { engine: deps.engine, caller: 'cli:batch' });
        io.out(JSON.stringify({ id: line.id, ...brief }));
      } catch (err) {
        failed++;
        const what =
          err instanceof SyntaxError || err instanceof z.ZodError ? describeBadLine(err) : userMessageOf(err);
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

function describeBadLine(err: SyntaxError | z.ZodError): string {
  if (err instanceof SyntaxError) return 'not valid JSON';
  return `expected {"id", "article"}: ${err.issues.map((i) => `${i.path.join('.') || 'line'} ${i.message}`).join('; ')}`;
}
