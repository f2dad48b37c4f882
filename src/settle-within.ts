/**
 * Waits for `promise`, but no longer than `ms`: shutdown gives running work a grace period and
 * then moves on (the caller aborts what is left). Never rejects on the timeout.
 */
export async function settleWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
