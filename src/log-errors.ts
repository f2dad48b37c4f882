/**
 * Errors as log fields: name, message, stack, the codes that say what failed (`code`, `status`,
 * `errno`, `syscall`) and the `cause` chain. Other properties are left out on purpose: SDK errors
 * carry request options and response bodies, where tokens and user text live.
 */
const KEPT = ['code', 'status', 'statusCode', 'errno', 'syscall', 'address', 'port'] as const;
const MAX_CAUSES = 5;

export type SerializedError = {
  name: string;
  message: string;
  stack?: string;
  cause?: unknown;
  errors?: unknown[];
} & Partial<Record<(typeof KEPT)[number], unknown>>;

export function serializeError(err: Error, depth = 0, seen = new Set<unknown>()): SerializedError {
  seen.add(err);
  const out: SerializedError = { name: err.name, message: err.message };
  if (err.stack) out.stack = err.stack;
  const props = err as unknown as Record<string, unknown>;
  for (const key of KEPT) {
    const value = props[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  const cause = err.cause;
  if (cause !== undefined && !seen.has(cause)) {
    out.cause = depth >= MAX_CAUSES ? '[more causes]' : serializeCause(cause, depth + 1, seen);
  }
  if (err instanceof AggregateError && depth < MAX_CAUSES) {
    out.errors = err.errors.slice(0, 10).map((e) => serializeCause(e, depth + 1, seen));
  }
  return out;
}

function serializeCause(cause: unknown, depth: number, seen: Set<unknown>): unknown {
  if (cause instanceof Error) return serializeError(cause, depth, seen);
  // A thrown string or number says what it says; an object could be anything: its type only.
  if (cause === null || typeof cause !== 'object') return cause;
  return `[${Object.prototype.toString.call(cause).slice(8, -1)}]`;
}
