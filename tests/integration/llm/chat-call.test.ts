import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatCompletion, retryAfterMs, type CallPolicy } from '../../../src/engines/llm/chat-call.js';
import { isLlmFailure } from '../../../src/engines/llm/failure.js';
import { createOpenAIClient } from '../../../src/engines/llm/client.js';
import { replies, startFakeOpenAI, type FakeOpenAI } from '../../helpers/fake-openai.js';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

const policy: CallPolicy = { timeoutMs: 400, maxRetries: 1, retryAfterCapMs: 2000, baseBackoffMs: 10 };
const body = {
  model: 'test-model',
  messages: [
    { role: 'user' as const, content: '<article>\nThe council met on Tuesday to vote.\n</article>' },
  ],
};
const client = () =>
  createOpenAIClient({ apiKey: 'sk-test', baseURL: fake.url, timeoutMs: policy.timeoutMs });

async function failureCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isLlmFailure(err)) return err.code;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('model call policy (real openai client, local fake)', () => {
  it('sends the key as a bearer token and returns the completion', async () => {
    const completion = await createChatCompletion(client(), body, policy);
    expect(completion.choices[0]?.message.content).toContain('headline');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('never retries a 401', async () => {
    fake.enqueue(replies.status(401), replies.grounded());
    expect(await failureCode(createChatCompletion(client(), body, policy))).toBe('auth');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 500 once, then gives up', async () => {
    fake.enqueue(replies.status(500), replies.status(503), replies.grounded());
    expect(await failureCode(createChatCompletion(client(), body, policy))).toBe('server_error');
    expect(fake.requests).toHaveLength(2);
  });

  it('waits for a short retry-after on 429 and then succeeds', async () => {
    fake.enqueue(replies.status(429, { 'retry-after': '1' }));
    const started = Date.now();
    await createChatCompletion(client(), body, policy);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.requests).toHaveLength(2);
  });

  it('does not wait for a retry-after beyond the cap', async () => {
    fake.enqueue(replies.status(429, { 'retry-after': '3600' }));
    const started = Date.now();
    expect(await failureCode(createChatCompletion(client(), body, policy))).toBe('rate_limited');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a hanging server, and a server that stalls mid-body, without retrying', async () => {
    fake.enqueue(replies.hang());
    expect(await failureCode(createChatCompletion(client(), body, policy))).toBe('timeout');
    fake.enqueue({ kind: 'stall-body' });
    expect(await failureCode(createChatCompletion(client(), body, policy))).toBe('timeout');
    expect(fake.requests).toHaveLength(2);
  });

  it("stops when the caller's deadline passes, also while waiting to retry", async () => {
    fake.enqueue(replies.hang());
    const code = await failureCode(
      createChatCompletion(client(), body, { ...policy, timeoutMs: 5000 }, AbortSignal.timeout(100)),
    );
    expect(code).toBe('aborted');
    fake.enqueue(replies.status(429, { 'retry-after': '2' }));
    const started = Date.now();
    expect(await failureCode(createChatCompletion(client(), body, policy, AbortSignal.timeout(150)))).toBe(
      'aborted',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry a 400 (a request the server will never accept)', async () => {
    fake.enqueue(replies.status(400));
    expect(await failureCode(createChatCompletion(client(), body, policy))).toBe('bad_request');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('retry-after parsing', () => {
  it('reads milliseconds, seconds and HTTP dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });
});
