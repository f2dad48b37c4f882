import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('digest configuration', () => {
  it('has defaults: 09:00 UTC, 10 stories, 200 items per feed, 8 fetches and 2 per host', () => {
    expect(loadConfig({}).digest).toEqual({
      defaultTime: '09:00',
      defaultTimezone: 'UTC',
      maxStories: 10,
      maxItemsPerFeed: 200,
      fetchConcurrency: 8,
      hostConcurrency: 2,
    });
  });

  it('reads and normalises the variables', () => {
    const config = loadConfig({
      BRIEF_DIGEST_DEFAULT_TIME: '7:30',
      BRIEF_DIGEST_DEFAULT_TIMEZONE: 'europe/berlin',
      BRIEF_DIGEST_MAX_STORIES: '5',
    });
    expect(config.digest).toMatchObject({
      defaultTime: '07:30',
      defaultTimezone: 'Europe/Berlin',
      maxStories: 5,
    });
  });

  it('names each bad variable', () => {
    let error: unknown;
    try {
      loadConfig({
        BRIEF_DIGEST_DEFAULT_TIME: '25:00',
        BRIEF_DIGEST_DEFAULT_TIMEZONE: 'Mars/Base',
        BRIEF_DIGEST_MAX_STORIES: '0',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/BRIEF_DIGEST_DEFAULT_TIME: must be a 24-hour time/);
    expect(message).toMatch(/BRIEF_DIGEST_DEFAULT_TIMEZONE: must be an IANA time zone/);
    expect(message).toMatch(/BRIEF_DIGEST_MAX_STORIES/);
  });
});
