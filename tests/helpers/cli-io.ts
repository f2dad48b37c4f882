import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';

/** A CliIo that records what the CLI printed, with stdin from a string. */
export function recordingIo(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    stdin: Readable.from([Buffer.from(stdin)]),
    isTTY: false,
    noColor: true,
    columns: 80,
  };
}
