/**
 * The signal a job's work runs under: its own time limit, the requester's deadline (`expiresAt`,
 * when the answer can no longer be delivered), and the process's shutdown, whichever comes first.
 */
export function deadline(
  limitMs: number,
  expiresAt: number | undefined,
  now: () => number,
  shutdown: AbortSignal,
): AbortSignal {
  const left = expiresAt === undefined ? limitMs : Math.min(limitMs, expiresAt - now());
  return AbortSignal.any([AbortSignal.timeout(Math.max(left, 1)), shutdown]);
}
