import { z } from 'zod';
import { BriefError, isBriefError, userMessageOf } from '../errors.js';
import type { BriefInput, BriefService, EngineChoice } from '../service.js';
import { cliMessage } from './args.js';

/**
 * One line of a batch: an {"id", "article" | "url" | "html"} object in, one JSON brief line out, or
 * the message that says what is wrong with it. Shared by the main thread and the batch workers.
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

export interface LineDeps {
  service: BriefService;
  engine?: EngineChoice;
  maxInputBytes: number;
  /** Brief pages that do not look like articles instead of reporting their lines as failed. */
  force?: boolean;
}

/** A line's result: the output line, or the error line for stderr. */
export type LineOutcome = { out: string } | { err: string };

/** One input line (lineNo counts from 1) through `handle`, as `{"id", ...result}`; never throws. */
export async function handleLine(
  raw: string,
  lineNo: number,
  maxInputBytes: number,
  handle: (input: BriefInput) => Promise<object>,
): Promise<LineOutcome> {
  let id: string | number | undefined;
  try {
    if (Buffer.byteLength(raw) > maxInputBytes) {
      throw new BriefError('input_too_large', `the line is longer than ${maxInputBytes} bytes`);
    }
    const line = parseLine(raw);
    id = line.id;
    const result = await handle(line.input);
    return { out: JSON.stringify({ id, ...result }) };
  } catch (err) {
    id ??= (err as { id?: string | number }).id;
    const what =
      err instanceof BadLine ? err.message : isBriefError(err) ? cliMessage(err) : userMessageOf(err);
    return { err: `brief: line ${lineNo}${id === undefined ? '' : ` (id ${JSON.stringify(id)})`}: ${what}` };
  }
}

/** Briefs one input line: what `brief --jsonl` does with each, on any thread. */
export function briefLine(raw: string, lineNo: number, deps: LineDeps): Promise<LineOutcome> {
  return handleLine(raw, lineNo, deps.maxInputBytes, (input) =>
    deps.service.brief(input, { engine: deps.engine, caller: 'cli:batch', articlesOnly: !deps.force }),
  );
}
