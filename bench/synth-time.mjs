// Synth wall time of the compiled app (dist/bin/app.js), median of N runs, each in a fresh Node.js process, for
// one Region (the default configuration) and for every commercial Region GuardDuty supports
// (examples/all-regions.config.json), and their ratio. Run with `npm run bench` (which compiles first).
// Usage: node bench/synth-time.mjs [--runs N] [--config PATH]   (--config measures that file alone)
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
const runs = Number(option('--runs', '7'));
const only = option('--config', undefined);
const app = path.join(root, 'dist', 'bin', 'app.js');
if (!fs.existsSync(app)) {
  console.error(`${app} is missing: run \`npm run build\` first (npm run bench does).`);
  process.exit(1);
}

/** Runs the app once the way the CDK CLI does (context and output directory in environment variables). */
function synthOnce(config) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bench-'));
  const context = { ...JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context, config };
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [app], {
    cwd: root,
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(result.stderr);
    process.exit(1);
  }
  const stacks = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).length;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ms, stacks };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median synth time of one configuration, printed with its spread. */
function measure(config) {
  synthOnce(config); // warm the file-system cache; not counted
  const samples = Array.from({ length: runs }, () => synthOnce(config));
  const times = samples.map((s) => s.ms);
  console.log(
    `synth ${config} (${samples[0].stacks} stack${samples[0].stacks === 1 ? '' : 's'}, cdk-nag + CloudFormation Validate): ` +
      `median ${median(times).toFixed(0)} ms over ${runs} fresh processes ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; node ${process.version}, ${os.cpus().length} cores)`,
  );
  return median(times);
}

if (only) {
  measure(only);
} else {
  const one = measure('guardduty.config.json');
  const all = measure('examples/all-regions.config.json');
  console.log(`all Regions / 1 Region: ${(all / one).toFixed(2)}x (budget: under 3x)`);
}
