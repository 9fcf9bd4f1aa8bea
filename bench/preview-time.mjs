// Time of the `preview` command's engine (compiled, dist/cli/preview) for 1,000 events in one Node.js process:
// in-process synthesis of the app, then matching and rendering, each the median of N runs.
// Run with `npm run bench` (which compiles first).
// Usage: node bench/preview-time.mjs [--runs N] [--events N] [--config PATH]
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', '5'));
const eventCount = Number(option('--events', '1000'));
const config = option('--config', 'guardduty.config.json');
const engineDir = path.join(root, 'dist', 'cli', 'preview');
if (!fs.existsSync(path.join(engineDir, 'preview.js'))) {
  console.error(`${engineDir} is missing: run \`npm run build\` first (npm run bench does).`);
  process.exit(1);
}
process.chdir(root); // the configuration path and cdk.json are read from the current directory, as the CLI does

const ms = (since) => Number(process.hrtime.bigint() - since) / 1e6;
const require = createRequire(import.meta.url);
const loadStarted = process.hrtime.bigint();
const { synthesizeApp } = require(path.join(engineDir, 'synthesize.js'));
const { previewEvents } = require(path.join(engineDir, 'preview.js'));
const loadMs = ms(loadStarted);

const samplesDir = path.join(root, 'samples');
const samples = fs
  .readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, event: JSON.parse(fs.readFileSync(path.join(samplesDir, f), 'utf8')) }));
const events = Array.from({ length: eventCount }, (_, i) => samples[i % samples.length]);

function runOnce() {
  const synthStarted = process.hrtime.bigint();
  const stacks = synthesizeApp({ configPath: config });
  const synthMs = ms(synthStarted);
  const previewStarted = process.hrtime.bigint();
  const results = previewEvents(stacks, events);
  const previewMs = ms(previewStarted);
  const deliveries = results.reduce((n, r) => n + r.deliveries.length, 0);
  const rules = stacks.reduce(
    (n, s) =>
      n + Object.values(s.template.Resources ?? {}).filter((r) => r.Type === 'AWS::Events::Rule').length,
    0,
  );
  return { synthMs, previewMs, totalMs: synthMs + previewMs, stacks: stacks.length, rules, deliveries };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const measured = Array.from({ length: runs }, runOnce);
const [first] = measured;
const med = (key) => median(measured.map((m) => m[key])).toFixed(0);
const range = (key) =>
  `${Math.min(...measured.map((m) => m[key])).toFixed(0)}-${Math.max(...measured.map((m) => m[key])).toFixed(0)}`;
console.log(
  `preview ${config} (${first.stacks} stack${first.stacks === 1 ? '' : 's'}, ${first.rules} rules), ` +
    `${eventCount} events (${samples.length} samples cycled, ${first.deliveries} deliveries): ` +
    `median synth ${med('synthMs')} ms, matching and rendering ${med('previewMs')} ms, together ${med('totalMs')} ms, ` +
    `over ${runs} runs in one process (ranges ${range('synthMs')}, ${range('previewMs')}, ${range('totalMs')} ms; ` +
    `first run ${first.synthMs.toFixed(0)} + ${first.previewMs.toFixed(0)} ms; module load ${loadMs.toFixed(0)} ms; ` +
    `node ${process.version}, ${os.cpus().length} cores)`,
);
