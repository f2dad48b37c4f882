import type { CliIo } from './io.js';

export function processIo(): CliIo {
  // `brief x | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    // A getter: opening process.stdin sets up a stream, which --help and --version never read.
    get stdin() {
      return process.stdin;
    },
    isTTY: process.stdout.isTTY === true,
    noColor: 'NO_COLOR' in process.env,
    columns: process.stdout.columns,
    errIsTTY: process.stderr.isTTY === true,
    errRaw: (text) => process.stderr.write(text),
  };
}
