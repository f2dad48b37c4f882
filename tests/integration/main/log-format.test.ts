import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

/**
 * The stderr logger as a process has it (fd 2, synchronous): JSON by default when stderr is not a
 * terminal, pino-pretty when LOG_FORMAT=pretty, redacting in both.
 */
async function logOnce(format: string | undefined): Promise<string> {
  const code = `
    import { createStderrLogger, resolveLogFormat } from './src/logger.ts';
    const format = resolveLogFormat(process.env.LOG_FORMAT, process.stderr.isTTY === true);
    createStderrLogger('info', format).info('configured', { apiKey: 'sk-test-secret', promptTokens: 12 });
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '', ...(format ? { LOG_FORMAT: format } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const [exit] = (await once(child, 'exit')) as [number | null];
  expect(exit).toBe(0);
  return err;
}

describe('log format', () => {
  it('writes JSON lines when stderr is a pipe and LOG_FORMAT is unset', async () => {
    const out = await logOnce(undefined);
    expect(JSON.parse(out.trim())).toMatchObject({
      level: 'info',
      msg: 'configured',
      apiKey: '[redacted]',
      promptTokens: 12,
    });
  });

  it('writes readable lines with LOG_FORMAT=pretty, still redacted', async () => {
    const out = await logOnce('pretty');
    expect(out).toMatch(/INFO.*configured/);
    expect(out).toMatch(/promptTokens: 12/);
    expect(out).not.toContain('sk-test-secret');
    expect(() => JSON.parse(out.trim()) as unknown).toThrow();
  });
});
