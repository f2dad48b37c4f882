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
