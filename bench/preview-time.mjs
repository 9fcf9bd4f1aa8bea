// End-to-end time of the `preview` command, from process start to exit, for 1 event file and for 10,000, and the
// peak RSS for 100,000: what a user waits for. The compiled CLI (dist/bin/cli.js) is measured side by side with
// `npm run preview`'s launcher (scripts/run-built-cli.mjs, the same CLI after a freshness check) and with the
// TypeScript sources through tsx, in interleaved runs. Run with `npm run bench` (which compiles first).
// The 10,000 and 100,000 event files are hard links to the samples (symbolic links where the temporary directory is
// on another file system), cycled; they take no disk space.
// Usage: node bench/preview-time.mjs [--runs N] [--quick] [--config PATH] [--check]
//   --runs N       measured runs of each command (default 5), after one warm-up
//   --quick        --runs 3 and no 100,000-event run, for a smoke test (the budgets are not checked)
//   --config PATH  the app's configuration (default guardduty.config.json)
//   --check        exit 1 when a time is over its budget (default: print it and exit 0)
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = args.includes('--quick');
const runs = Number(option('--runs', quick ? '3' : '5'));
const config = option('--config', 'guardduty.config.json');
const BUDGETS = { oneEventMs: 600, thousandMs: 2000, tenThousandMs: 1500 }; // absolute: meaningful on an idle machine only

const CLI = path.join(root, 'dist', 'bin', 'cli.js');
if (!fs.existsSync(CLI)) {
  console.error(`${CLI} is missing: run \`npm run build\` first (npm run bench does).`);
  process.exit(1);
}
const USAGE_PRELOAD = path.join(root, 'bench', 'report-usage.cjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const samplesDir = path.join(root, 'samples');
const samples = fs
  .readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** A directory of `count` event files, the samples cycled. */
function eventDirectory(count) {
  const dir = path.join(tmp, `events-${count}`);
  fs.mkdirSync(dir);
  for (let i = 0; i < count; i++) {
    const source = path.join(samplesDir, samples[i % samples.length]);
    const file = path.join(dir, `event-${String(i).padStart(6, '0')}.json`);
    try {
      fs.linkSync(source, file);
    } catch {
      fs.symlinkSync(source, file);
    }
  }
  return dir;
}

/**
 * One run in a fresh process, its output written to a file: wall time from spawn to exit, peak RSS, and the last
 * line of the output (the summary).
 */
function runOnce({ argv }) {
  const usageFile = path.join(tmp, 'usage.json');
  const outputFile = path.join(tmp, 'output.txt');
  fs.rmSync(usageFile, { force: true });
  const output = fs.openSync(outputFile, 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', USAGE_PRELOAD, ...argv], {
    cwd: root,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', output, 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  fs.closeSync(output);
  if (result.status !== 0) {
    console.error(`node ${argv.join(' ')} failed:\n${result.stderr}`);
    process.exit(1);
  }
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
  const tail = Buffer.alloc(4096);
  const fd = fs.openSync(outputFile, 'r');
  const size = fs.fstatSync(fd).size;
  const length = fs.readSync(fd, tail, 0, tail.length, Math.max(0, size - tail.length));
  fs.closeSync(fd);
  const summary = tail.subarray(0, length).toString('utf8').trimEnd().split('\n').pop();
  return { ms, rssBytes: usage.maxRssBytes, summary };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One warm-up run of every case, then `count` rounds of every case in turn. */
function interleaved(cases, count) {
  for (const c of cases) runOnce(c);
  const samplesOf = cases.map(() => []);
  for (let round = 0; round < count; round++) cases.forEach((c, i) => samplesOf[i].push(runOnce(c)));
  return cases.map((c, i) => {
    const times = samplesOf[i].map((r) => r.ms);
    return {
      ...c,
      median: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
      rss: Math.max(...samplesOf[i].map((r) => r.rssBytes)),
      summary: samplesOf[i][0].summary,
    };
  });
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const checked = (ms, budget) =>
  quick ? '' : ` (budget ${s(budget)}: ${ms < budget ? 'ok' : 'OVER BUDGET'})`;
let overBudget = false;
const line = (r, budget) => {
  if (budget !== undefined && !quick && r.median >= budget) overBudget = true;
  return (
    `  ${r.name.padEnd(44)} median ${s(r.median)}${budget === undefined ? '' : checked(r.median, budget)}, ` +
    `min ${s(r.min)}, max ${s(r.max)}, peak RSS ${mb(r.rss)}`
  );
};

const preview = ['preview', '--config', config];
const oneEvent = [...preview, path.join('samples', 'backdoor-ec2-cc-activity.json')];
console.log(
  `preview of ${config}, end to end (process start to exit), ${runs} measured runs after one warm-up, interleaved; ` +
    `node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const [compiled, launcher, tsx] = interleaved(
  [
    { name: '1 event, compiled (node dist/bin/cli.js)', argv: [CLI, ...oneEvent] },
    {
      name: '1 event, npm run preview (run-built-cli.mjs)',
      argv: [path.join(root, 'scripts', 'run-built-cli.mjs'), ...oneEvent],
    },
    { name: '1 event, sources (node --import tsx)', argv: ['--import', 'tsx', 'bin/cli.ts', ...oneEvent] },
  ],
  runs,
);
console.log(line(compiled, BUDGETS.oneEventMs));
console.log(line(launcher));
console.log(line(tsx));
console.log(
  `  launcher / compiled ${(launcher.median / compiled.median).toFixed(2)}x; ` +
    `tsx / compiled ${(tsx.median / compiled.median).toFixed(2)}x`,
);

const [thousand, tenThousand] = interleaved(
  [
    { name: '1,000 events, compiled', argv: [CLI, ...preview, eventDirectory(1_000)] },
    { name: '10,000 events, compiled', argv: [CLI, ...preview, eventDirectory(10_000)] },
  ],
  runs,
);
console.log(line(thousand, BUDGETS.thousandMs));
console.log(line(tenThousand, BUDGETS.tenThousandMs));
console.log(`    ${tenThousand.summary}`);

if (!quick) {
  const hundredThousand = runOnce({ argv: [CLI, ...preview, eventDirectory(100_000)] });
  console.log(
    `  ${'100,000 events, compiled, one run'.padEnd(44)} ${s(hundredThousand.ms)}, ` +
      `peak RSS ${mb(hundredThousand.rssBytes)} (1 event: ${mb(compiled.rss)}; 10,000: ${mb(tenThousand.rss)})`,
  );
}
if (quick) console.log('--quick: too few runs to judge the budgets.');
if (overBudget) {
  console.log(
    'Over budget: the budgets are absolute times for an idle machine; with a high load average, measure again.',
  );
  if (args.includes('--check')) process.exitCode = 1;
}
