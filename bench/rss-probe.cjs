// Preloaded into benchmark child processes (`node --require`): reports the peak RSS (KiB) and the CPU time
// (microseconds, user and system) on fd 3 at exit.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeSync(3, JSON.stringify({ rss: usage.maxRSS, user: usage.userCPUTime, system: usage.systemCPUTime }));
});
