import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach } from 'vitest';

/** `npm start` as a real child process (tsx, src/main.ts), with its JSON log lines readable. */
export interface MainProcess {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
  /** The first log record with this message; rejects when the process exits or after timeoutMs. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** Starts main processes for the enclosing file; each is killed after its test. */
export function useMainProcesses(): (env: Record<string, string>) => MainProcess {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });
  return (env) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exit = once(child, 'exit').then(([code]) => code as number | null);
    const stderr = () => err;
    const waitForLog = async (msg: string, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        for (const line of stderr().split('\n')) {
          if (!line.startsWith('{')) continue;
          const record = JSON.parse(line) as Record<string, unknown>;
          if (record.msg === msg) return record;
        }
        if (child.exitCode !== null) break;
        // Polling a child's output: there is no event for "this line was written".
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no "${msg}" log line; stderr was:\n${stderr()}`);
    };
    return { child, stderr, exit, waitForLog };
  };
}
