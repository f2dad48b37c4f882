import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger, resolveLogFormat, type LogLevel } from '../../src/logger.js';

function capture(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, records };
}

const SLACK_TOKEN = 'xoxb-test-1111-secret';
const SIGNING_SECRET = 'test-signing-secret-2222';
const APP_TOKEN = 'xapp-test-3333';
const OPENAI_KEY = 'sk-test-openai-4444';
const DISCORD_TOKEN = 'discord-test-token-5555';

describe('logger: redaction by key path', () => {
  it('redacts the real secrets of a config, headers and an API key, and keeps token counts', () => {
    const { logger, lines, records } = capture();
    const config = loadConfig({
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: APP_TOKEN,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: '123456789012345678',
      OPENAI_API_KEY: OPENAI_KEY,
    });
    logger.info('config', { config });
    logger.info('slack', { slack: config.slack });
    logger.info('llm client', { apiKey: OPENAI_KEY, baseURL: 'http://127.0.0.1:1/v1' });
    logger.info('request', {
      request: {
        method: 'POST',
        headers: { Authorization: `Bearer ${OPENAI_KEY}`, 'x-api-key': OPENAI_KEY },
      },
      headers: { authorization: `Bot ${DISCORD_TOKEN}`, cookie: 'session=abc', 'set-cookie': 'a=b' },
    });
    logger.info('usage', {
      promptTokens: 812,
      completionTokens: 140,
      tokens: 952,
      maxTokens: 800,
      tokenBudget: 1500,
      usage: { promptTokens: 812 },
    });

    const text = lines.join('\n');
    for (const secret of [SLACK_TOKEN, SIGNING_SECRET, APP_TOKEN, OPENAI_KEY, DISCORD_TOKEN, 'session=abc']) {
      expect(text).not.toContain(secret);
    }
    const [cfg, slack, llm, request, usage] = records();
    const c = cfg!.config as { slack: Record<string, unknown>; llm: Record<string, unknown> };
    expect(c.slack.botToken).toBe('[redacted]');
    expect(c.slack.signingSecret).toBe('[redacted]');
    expect(c.llm.apiKey).toBe('[redacted]');
    // What is not secret stays readable: an operator needs the API URL and the model.
    expect(c.slack.apiUrl).toBe('https://slack.com/api/');
    expect(c.llm.model).toBe('gpt-4.1-mini');
    expect((slack!.slack as Record<string, unknown>).appToken).toBe('[redacted]');
    expect(llm).toMatchObject({ apiKey: '[redacted]', baseURL: 'http://127.0.0.1:1/v1' });
    expect(request).toMatchObject({
      request: { method: 'POST', headers: { Authorization: '[redacted]' } },
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'set-cookie': '[redacted]' },
    });
    expect(usage).toMatchObject({
      promptTokens: 812,
      completionTokens: 140,
      tokens: 952,
      maxTokens: 800,
      tokenBudget: 1500,
      usage: { promptTokens: 812 },
    });
  });

  it('redacts three objects deep and inside arrays, without touching the logged objects', () => {
    const { logger, lines } = capture();
    const config = { a: { b: { token: DISCORD_TOKEN, tokens: 3 } } };
    const requests = [{ headers: { authorization: `Bearer ${OPENAI_KEY}` } }];
    logger.info('nested', { config, requests });
    expect(lines[0]).not.toContain(DISCORD_TOKEN);
    expect(lines[0]).not.toContain(OPENAI_KEY);
    expect(JSON.parse(lines[0]!)).toMatchObject({ config: { a: { b: { token: '[redacted]', tokens: 3 } } } });
    // The caller's objects keep their values: the bot still needs its token after logging it.
    expect(config.a.b.token).toBe(DISCORD_TOKEN);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
  });

  it('redacts in child bindings too', () => {
    const { logger, lines } = capture();
    logger.child({ token: DISCORD_TOKEN, interaction: '42' }).info('deferred');
    expect(lines[0]).not.toContain(DISCORD_TOKEN);
    expect(JSON.parse(lines[0]!)).toMatchObject({ token: '[redacted]', interaction: '42', msg: 'deferred' });
  });
});

describe('logger: records', () => {
  it('writes level, time, message and fields, and honours the level', () => {
    const { logger, records } = capture('info');
    logger.debug('hidden');
    logger.info('shown', { channel: 'C1' });
    logger.child({ adapter: 'slack' }).warn('careful');
    const [info, warn] = records();
    expect(records()).toHaveLength(2);
    expect(info).toMatchObject({ level: 'info', msg: 'shown', channel: 'C1' });
    expect(typeof info!.time).toBe('string');
    expect(new Date(info!.time as string).toString()).not.toBe('Invalid Date');
    expect(warn).toMatchObject({ level: 'warn', msg: 'careful', adapter: 'slack' });
  });

  it('serialises errors with name, message, stack, code and their cause chain, under any key', () => {
    const { logger, records } = capture();
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      config: { headers: { Authorization: `Bearer ${OPENAI_KEY}` } },
    });
    const middle = new TypeError('fetch failed', { cause: root });
    const top = Object.assign(new Error('auth.test did not answer', { cause: middle }), {
      code: 'slack_err',
    });
    logger.error('start-up failed', { err: top });
    logger.warn('could not reply', { replyErr: new RangeError('too long') });

    const [first, second] = records();
    const err = first!.err as Record<string, unknown>;
    expect(err).toMatchObject({ name: 'Error', message: 'auth.test did not answer', code: 'slack_err' });
    expect(err.stack).toContain('auth.test did not answer');
    const cause = err.cause as Record<string, unknown>;
    expect(cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(cause.cause).toMatchObject({
      name: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:1',
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    // The SDK's request options are not copied into the log.
    expect(JSON.stringify(first)).not.toContain(OPENAI_KEY);
    expect(second!.replyErr).toMatchObject({ name: 'RangeError', message: 'too long' });
  });

  it('survives an error whose cause points back at itself', () => {
    const { logger, records } = capture();
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    logger.error('loop', { err: a });
    expect(records()[0]!.err).toMatchObject({ message: 'a', cause: { message: 'b' } });
  });

  it('logs non-Error throwables as they are', () => {
    const { logger, records } = capture();
    logger.error('unhandled rejection', { err: 'just a string' });
    expect(records()[0]!.err).toBe('just a string');
  });
});

describe('log format', () => {
  it('is JSON unless LOG_FORMAT says pretty or stderr is a terminal', () => {
    expect(resolveLogFormat(undefined, false)).toBe('json');
    expect(resolveLogFormat(undefined, true)).toBe('pretty');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});
