import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  classifyDiscordError,
  discordErrorFields,
  discordTransient,
} from '../../../../adapters/discord/discord-errors.js';

const apiError = (code: number, status: number) =>
  new DiscordAPIError(
    { code, message: `error ${code}` },
    code,
    status,
    'POST',
    'https://discord.example/api/v10/webhooks/1/secret-interaction-token',
    {},
  );

describe('classifying Discord failures', () => {
  it.each([
    [10062, 404, 'expired'],
    [10015, 404, 'expired'],
    [50027, 401, 'expired'],
    [40060, 400, 'already-answered'],
    [50013, 403, 'forbidden'],
    [50001, 403, 'forbidden'],
    [10003, 404, 'gone'],
    [10008, 404, 'gone'],
    [160004, 400, 'thread-exists'],
    [50035, 400, 'other'],
    [0, 403, 'forbidden'],
  ])('code %i (HTTP %i) is %s', (code, status, kind) => {
    expect(classifyDiscordError(apiError(code, status))).toBe(kind);
  });

  it('knows discord.js’s own errors and treats anything else as unexpected', () => {
    // discord.js throws these itself (its constructor is private in the typings).
    const Ctor = DiscordjsError as unknown as new (code: string) => Error;
    expect(classifyDiscordError(new Ctor(DiscordjsErrorCodes.InteractionAlreadyReplied))).toBe(
      'already-answered',
    );
    expect(classifyDiscordError(new HTTPError(502, 'Bad Gateway', 'PATCH', 'https://x', {}))).toBe('other');
    expect(classifyDiscordError(new Error('boom'))).toBe('other');
  });

  it('logs the code and status but never the URL, which holds the interaction token', () => {
    const fields = discordErrorFields(apiError(10062, 404));
    expect(fields).toMatchObject({ code: 10062, status: 404, method: 'POST' });
    expect(JSON.stringify(fields)).not.toContain('secret-interaction-token');
  });
});

describe('failures worth a later attempt', () => {
  it('are 5xx answers and requests that got no answer, never a refusal', () => {
    expect(discordTransient(apiError(0, 500))).toBe(true);
    expect(discordTransient(new HTTPError(502, 'Bad Gateway', 'PATCH', 'https://x', {}))).toBe(true);
    const reset = new Error('fetch failed', {
      cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }),
    });
    expect(discordTransient(reset)).toBe(true);
    expect(discordTransient(new DOMException('timed out', 'AbortError'))).toBe(true);

    expect(discordTransient(apiError(50035, 400))).toBe(false);
    expect(discordTransient(apiError(50013, 403))).toBe(false);
    expect(discordTransient(apiError(10062, 404))).toBe(false);
    expect(discordTransient(new Error('boom'))).toBe(false);
  });
});
