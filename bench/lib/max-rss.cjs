// Preloaded (node -r) into each process bench/startup.ts times: reports the process's peak RSS
// (all threads) on stderr as it exits, so the figure needs no platform tool such as GNU time.
'use strict';
process.on('exit', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a -r preload is CommonJS
  require('node:fs').writeSync(2, `\nbench-max-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
