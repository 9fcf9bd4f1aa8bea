// Preloaded by the benchmarks (`node --require ./bench/report-usage.cjs app.js`): when the process exits, writes its
// resource usage (peak RSS, CPU time) to the file named in BENCH_USAGE_FILE. Node's own process.resourceUsage(), so
// the benchmarks need no /usr/bin/time and work the same on every platform Node runs on. The 'exit' event comes
// before V8's tear-down, so the CPU time leaves out the last background compilation; the wall time, measured by the
// parent, includes it.
/* global require */ // a CommonJS file, so that --require can preload it on every Node.js version
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const process = require('node:process');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(
      file,
      JSON.stringify({
        maxRssBytes: usage.maxRSS * 1024, // resourceUsage() reports kilobytes
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, // and microseconds
      }),
    );
  });
}
