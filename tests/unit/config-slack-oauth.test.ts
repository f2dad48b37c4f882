import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const KEY = randomBytes(32).toString('base64');
const OAUTH = {
  SLACK_CLIENT_ID: '1234567890.0987654321',
  SLACK_CLIENT_SECRET: 'client-secret-test',
  SLACK_STATE_SECRET: 'state-secret-test-0123456789',
  SLACK_SIGNING_SECRET: 'signing-secret-test',
  BRIEF_ENCRYPTION_KEY: KEY,
};

const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('Slack for many workspaces: configuration', () => {
  it('turns on OAuth with the client id, secrets and the encryption key, next to the Web API base', () => {
    const config = loadConfig({ ...OAUTH, SLACK_API_URL: 'https://slack-gov.com/api' });
    expect(config.slack).toMatchObject({
      botToken: null,
      signingSecret: 'signing-secret-test',
      apiUrl: 'https://slack-gov.com/api/',
      oauth: {
        clientId: '1234567890.0987654321',
        clientSecret: 'client-secret-test',
        stateSecret: 'state-secret-test-0123456789',
        redirectUri: null,
        authorizeUrl: 'https://slack-gov.com/oauth/v2/authorize',
        encryption: { encryptionKey: KEY, previousEncryptionKeys: [] },
      },
    });
    expect(loadConfig(OAUTH).slack?.oauth?.authorizeUrl).toBe('https://slack.com/oauth/v2/authorize');
  });

  it('keeps the one-workspace mode as it was', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's' }).slack;
    expect(slack).toMatchObject({ botToken: 'xoxb-test', oauth: null });
  });

  it('refuses a bot token together with OAuth, naming both', () => {
    const message = failure({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-test' });
    expect(message).toMatch(/^SLACK_BOT_TOKEN: set either SLACK_BOT_TOKEN .* not both/);
    expect(message).toContain('SLACK_CLIENT_ID');
  });

  it('names each missing OAuth variable', () => {
    const message = failure({
      SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID,
      SLACK_SIGNING_SECRET: 's',
      BRIEF_ENCRYPTION_KEY: KEY,
    });
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET: required/),
      expect.stringMatching(/^SLACK_STATE_SECRET: required/),
    ]);
  });

  it('needs the encryption key, and says how to make one', () => {
    const { BRIEF_ENCRYPTION_KEY: _, ...withoutKey } = OAUTH;
    expect(failure(withoutKey)).toMatch(/^BRIEF_ENCRYPTION_KEY: required .*openssl rand -base64 32/);
  });

  it('refuses a malformed key without echoing it', () => {
    const short = randomBytes(16).toString('base64');
    for (const [key, why] of [
      [short, /this is 16 bytes/],
      ['not base64 at all!', /not base64/],
      [`${KEY}x`, /not base64/],
    ] as const) {
      const message = failure({ ...OAUTH, BRIEF_ENCRYPTION_KEY: key });
      expect(message).toMatch(/^BRIEF_ENCRYPTION_KEY: must be 32 random bytes in base64/);
      expect(message).toMatch(why);
      expect(message).not.toContain(key);
    }
    // A bad key is an error even where nothing would use it yet.
    expect(failure({ BRIEF_ENCRYPTION_KEY: short })).toMatch(/^BRIEF_ENCRYPTION_KEY: /);
  });

  it('takes previous keys for rotation, each checked', () => {
    const old = randomBytes(32).toString('base64');
    expect(loadConfig({ ...OAUTH, BRIEF_ENCRYPTION_KEY_PREVIOUS: ` ${old} ,` }).encryption).toEqual({
      encryptionKey: KEY,
      previousEncryptionKeys: [old],
    });
    expect(failure({ ...OAUTH, BRIEF_ENCRYPTION_KEY_PREVIOUS: `${old},abc` })).toMatch(
      /^BRIEF_ENCRYPTION_KEY_PREVIOUS: key 2 must be 32 random bytes/,
    );
  });

  it('still needs the signing secret in HTTP mode, and not in Socket Mode', () => {
    const { SLACK_SIGNING_SECRET: _, ...noSecret } = OAUTH;
    expect(failure(noSecret)).toMatch(/^SLACK_SIGNING_SECRET: required when SLACK_CLIENT_ID is set/);
    expect(loadConfig({ ...noSecret, SLACK_APP_TOKEN: 'xapp-1-test' }).slack?.appToken).toBe('xapp-1-test');
  });
});
