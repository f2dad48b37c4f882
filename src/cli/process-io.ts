import type { CliIo } from './io.js';
import { BriefError } from '../errors.js';

export function processIo(): CliIo {
  // `brief x | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    isTTY: process.stdout.isTTY === true,
    noColor: 'NO_COLOR' in process.env,
    columns: process.stdout.columns,
    async readStdin(maxBytes) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > maxBytes) {
          throw new BriefError(
            'input_too_large',
            `The input is larger than ${Math.round(maxBytes / 1048576)} MiB; brief a shorter text.`,
          );
        }
        chunks.push(buf);
      }
      return Buffer.concat(chunks);
    },
  };
}
