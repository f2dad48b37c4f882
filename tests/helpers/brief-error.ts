import { expect } from 'vitest';
import { BriefError, type BriefErrorCode } from '../../src/errors.js';

/** Awaits a promise that must reject with a BriefError; returns it for further checks. */
export async function rejectionOf(promise: Promise<unknown>): Promise<BriefError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof BriefError) return err;
    throw err;
  }
  throw new Error('expected the promise to reject with a BriefError');
}

/** Asserts the code, and the user message when given (a RegExp matches, a string must be equal). */
export async function expectBriefError(
  promise: Promise<unknown>,
  code: BriefErrorCode,
  message?: RegExp | string,
): Promise<BriefError> {
  const err = await rejectionOf(promise);
  expect(err.code).toBe(code);
  if (typeof message === 'string') expect(err.userMessage).toBe(message);
  else if (message) expect(err.userMessage).toMatch(message);
  return err;
}
