import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.fetch).toEqual({
      allowHosts: [],
      timeoutMs: 10_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
    });
    expect(config.engine).toBe('auto');
    expect(config.logLevel).toBeUndefined();
  });

  it('parses the fetch allow-list: hosts, ports, IPv6 literals, a trailing dot', () => {
    const config = loadConfig({
      BRIEF_FETCH_ALLOW_HOSTS: ' Intranet.Example:8080, 10.0.0.5 ,[::1]:9000,wiki.corp.,',
    });
    expect(config.fetch.allowHosts).toEqual([
      { host: 'intranet.example', port: 8080 },
      { host: '10.0.0.5' },
      { host: '::1', port: 9000 },
      { host: 'wiki.corp' },
    ]);
  });

  it('names the variable in one line per mistake', () => {
    expect(() =>
      loadConfig({ BRIEF_FETCH_ALLOW_HOSTS: 'ok.example,bad:99999', BRIEF_ENGINE: 'gpt' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ BRIEF_FETCH_ALLOW_HOSTS: 'bad:99999', BRIEF_FETCH_TIMEOUT_MS: '-1' });
    } catch (err) {
      const lines = (err as Error).message.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^BRIEF_FETCH_ALLOW_HOSTS: /);
      expect(lines[1]).toMatch(/^BRIEF_FETCH_TIMEOUT_MS: /);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ BRIEF_ENGINE: '', LOG_LEVEL: '' }).engine).toBe('auto');
  });
});

describe('LLM and store configuration', () => {
  it('leaves the LLM unconfigured without a key or a base URL, and still places the store', () => {
    const config = loadConfig({});
    expect(config.llm).toBeNull();
    expect(config.store).toEqual({
      path: './data/brief.db',
      databaseUrl: null,
      poolMax: 10,
      cacheTtlMs: 30 * 24 * 3600 * 1000,
      failureTtlMs: 60_000,
    });
  });

  it('selects PostgreSQL with BRIEF_DATABASE_URL and sizes its pool', () => {
    const store = loadConfig({
      BRIEF_DATABASE_URL: 'postgresql://brief:s3cret@db.internal:5433/brief',
      BRIEF_DATABASE_POOL_MAX: '4',
    }).store;
    expect(store).toMatchObject({
      databaseUrl: 'postgresql://brief:s3cret@db.internal:5433/brief',
      poolMax: 4,
    });
    expect(loadConfig({ BRIEF_DATABASE_URL: 'postgres://localhost/brief' }).store.databaseUrl).toBe(
      'postgres://localhost/brief',
    );
  });

  it('rejects a database URL that is not PostgreSQL, naming the variable and not echoing it', () => {
    for (const url of [
      'mysql://root:s3cret@db/brief',
      'sqlite:///data/brief.db',
      'not a url',
      'postgres://',
    ]) {
      let message = '';
      try {
        loadConfig({ BRIEF_DATABASE_URL: url });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        message = (err as Error).message;
      }
      expect(message).toMatch(/^BRIEF_DATABASE_URL: must be a PostgreSQL URL/);
      expect(message).not.toContain('s3cret');
    }
    expect(() => loadConfig({ BRIEF_DATABASE_POOL_MAX: '0' })).toThrow(/BRIEF_DATABASE_POOL_MAX/);
  });

  it('configures OpenAI with a key: default model, max_completion_tokens, article language', () => {
    const llm = loadConfig({ OPENAI_API_KEY: 'sk-test' }).llm;
    expect(llm).toMatchObject({
      apiKey: 'sk-test',
      baseURL: null,
      model: 'gpt-4.1-mini',
      language: null,
      timeoutMs: 30_000,
      maxRetries: 1,
      tokenLimitParam: 'max_completion_tokens',
    });
  });

  it('configures a local server with only a base URL: placeholder key and max_tokens', () => {
    const llm = loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1', BRIEF_LLM_MODEL: 'llama3.1' }).llm;
    expect(llm).toMatchObject({ apiKey: 'no-key-needed', model: 'llama3.1', tokenLimitParam: 'max_tokens' });
    expect(
      loadConfig({
        OPENAI_BASE_URL: 'http://localhost:8000/v1',
        BRIEF_LLM_TOKEN_PARAM: 'max_completion_tokens',
      }).llm?.tokenLimitParam,
    ).toBe('max_completion_tokens');
  });

  it('reads the output language, auto meaning the article’s own', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'k', BRIEF_LANGUAGE: 'de' }).llm?.language).toBe('de');
    expect(loadConfig({ OPENAI_API_KEY: 'k', BRIEF_LANGUAGE: 'auto' }).llm?.language).toBeNull();
  });

  it('names bad LLM variables in one line each', () => {
    try {
      loadConfig({ OPENAI_BASE_URL: 'ftp://x', BRIEF_LLM_MAX_RETRIES: '5', BRIEF_LANGUAGE: 'german!' });
      expect.unreachable();
    } catch (err) {
      const lines = (err as Error).message.split('\n');
      expect(lines).toHaveLength(3);
      expect(lines.map((l) => l.split(':')[0]).sort()).toEqual([
        'BRIEF_LANGUAGE',
        'BRIEF_LLM_MAX_RETRIES',
        'OPENAI_BASE_URL',
      ]);
    }
  });
});

describe('the process (PORT, LOG_FORMAT, BRIEF_SHUTDOWN_GRACE_MS)', () => {
  it('has defaults for a bot behind an orchestrator', () => {
    expect(loadConfig({}).runtime).toEqual({ port: 3000, logFormat: undefined, shutdownGraceMs: 20_000 });
  });

  it('reads them whatever platform runs', () => {
    expect(loadConfig({ PORT: '0', LOG_FORMAT: 'pretty', BRIEF_SHUTDOWN_GRACE_MS: '0' }).runtime).toEqual({
      port: 0,
      logFormat: 'pretty',
      shutdownGraceMs: 0,
    });
  });

  it('names bad values', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/^LOG_FORMAT: /);
    expect(() => loadConfig({ BRIEF_SHUTDOWN_GRACE_MS: '-1' })).toThrow(/^BRIEF_SHUTDOWN_GRACE_MS: /);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^PORT: /);
  });
});
