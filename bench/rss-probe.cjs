// Preloaded into benchmark child processes (`node --require`): reports the peak RSS on fd 3 at exit.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  writeSync(3, JSON.stringify({ rss: process.resourceUsage().maxRSS }));
});
