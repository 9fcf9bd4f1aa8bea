// Synth cost of the compiled app (dist/bin/app.js) measured side by side with reference apps, each run in a fresh
// Node.js process the way the CDK CLI runs an app (context and output directory in environment variables), with
// the same Node.js flags for every app: those of cdk.json's "app" command. Run with `npm run bench` (which compiles
// first). On a shared machine absolute times move with the load; the ratios between apps measured in the same
// rounds (A, B, C, D, A, B, C, D, ...) are what stays comparable, so the budgets are ratios.
//
// Sections:
//   compare  floor (bench/floor-app.ts: one empty stack), baseline (bench/baseline-app.ts: the blog post's
//            resources in plain aws-cdk-lib), the default app (guardduty.config.json) and the 17-Region example
//            (examples/all-regions.config.json); with CloudFormation Validate, then with CDK_VALIDATION=false;
//            medians, minima, maxima, CPU time, peak RSS and the ratios, checked against the budgets
//   growth   the default app with 1, 5, 20 and 50 routes, and the 17-Region example cut to 1, 5 and 17 Regions
//   flags    the default app and the 17-Region example with Node.js/V8 flags for WebAssembly (docs/adr/0013)
//   command  `npx tsx bin/app.ts` against `node --import tsx bin/app.ts` (cdk.json's app command, docs/adr/0013)
// Usage: node bench/synth-time.mjs [--runs N] [--growth-runs N] [--quick] [--only compare,growth,flags,command] [--check]
//   --runs N         measured runs of each app in compare, flags and command (default 7), after one warm-up
//   --growth-runs N  measured runs of each growth step (default 3), after one warm-up round
//   --quick          --runs 3 --growth-runs 1, for a smoke test (the budgets are not checked)
//   --only LIST      sections to run (default compare,growth)
//   --check          exit 1 when a ratio is over its budget (default: print it and exit 0)
//   --node-flags F   Node.js flags for every app instead of those of cdk.json's app command ("" for none)
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
const runs = Number(option('--runs', quick ? '3' : '7'));
const growthRuns = Number(option('--growth-runs', quick ? '1' : '3'));
const sections = option('--only', 'compare,growth').split(',');
const BUDGETS = { defaultOverBaseline: 1.3, regionsOverDefault: 1.5 };

const dist = path.join(root, 'dist');
const APP = path.join(dist, 'bin', 'app.js');
const BASELINE = path.join(dist, 'bench', 'baseline-app.js');
const FLOOR = path.join(dist, 'bench', 'floor-app.js');
for (const file of [APP, BASELINE, FLOOR]) {
  if (!fs.existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build\` first (npm run bench does).`);
    process.exit(1);
  }
}
const USAGE_PRELOAD = path.join(root, 'bench', 'report-usage.cjs');
const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));

/**
 * The Node.js flags of cdk.json's app command (`node --liftoff-only --import tsx bin/app.ts` has `--liftoff-only`),
 * so that the compiled apps run with what `cdk synth` uses. `--import tsx` is left out: the apps are compiled.
 */
function nodeFlagsOfAppCommand(command) {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'node') return [];
  const flags = [];
  for (let i = 1; i < words.length && words[i].startsWith('-'); i++) {
    if (words[i] === '--import' || words[i] === '--require' || words[i] === '-r') i++;
    else flags.push(words[i]);
  }
  return flags;
}
const flagsOption = option('--node-flags', undefined);
const appFlags =
  flagsOption === undefined ? nodeFlagsOfAppCommand(cdkJson.app) : flagsOption.split(/\s+/).filter(Boolean);

/**
 * The context the CDK CLI gives every app by default, besides cdk.json's: contextFromSettings() in
 * node_modules/aws-cdk/lib/index.js (path and asset metadata, version reporting, bundling of every stack). Its
 * "@aws-cdk/core:failSynthOnValidationErrors": false (the CLI, not the app, then fails on validation errors) is left
 * out, so that an app that fails validation fails here too.
 */
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * One synth in a fresh process: wall time from spawn to exit (V8's tear-down included), CPU time and peak RSS
 * from bench/report-usage.cjs, and the number of stacks and rules written.
 */
function synthOnce({ script, config, validation = true, flags = appFlags, command }) {
  const outdir = fs.mkdtempSync(path.join(tmp, 'out-'));
  const usageFile = path.join(outdir, 'usage.json');
  const context = { ...CLI_CONTEXT, ...cdkJson.context, ...(config && { config }) };
  const env = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify(context),
    BENCH_USAGE_FILE: usageFile,
  };
  delete env.CDK_VALIDATION;
  if (!validation) env.CDK_VALIDATION = 'false'; // see the comment at "CDK_VALIDATION=false" below
  const [file, argv] = command
    ? [command[0], [...command.slice(1)]]
    : [process.execPath, [...flags, '--require', USAGE_PRELOAD, script]];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd: root, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(
      `${[file, ...argv].join(' ')} (config ${config}) failed:\n${result.stdout}${result.stderr}`,
    );
    process.exit(1);
  }
  const usage = fs.existsSync(usageFile) ? JSON.parse(fs.readFileSync(usageFile, 'utf8')) : {};
  const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
  const rules = templates.reduce((n, f) => {
    const template = JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf8'));
    return n + Object.values(template.Resources ?? {}).filter((r) => r.Type === 'AWS::Events::Rule').length;
  }, 0);
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ms, cpuMs: usage.cpuMs, rssBytes: usage.maxRssBytes, stacks: templates.length, rules };
}

/** Runs every case once untimed (file-system cache), then `count` rounds of every case in turn. */
function interleaved(cases, count) {
  for (const c of cases) synthOnce(c);
  const samples = cases.map(() => []);
  for (let round = 0; round < count; round++) {
    cases.forEach((c, i) => samples[i].push(synthOnce(c)));
    if (process.stderr.isTTY) process.stderr.write(`  round ${round + 1}/${count}\r`);
  }
  if (process.stderr.isTTY) process.stderr.write(' '.repeat(20) + '\r');
  return cases.map((c, i) => ({ ...c, ...summary(samples[i]) }));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summary(samples) {
  const times = samples.map((s) => s.ms);
  const cpu = samples.map((s) => s.cpuMs).filter((v) => v !== undefined);
  const rss = samples.map((s) => s.rssBytes).filter((v) => v !== undefined);
  return {
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    cpu: cpu.length ? median(cpu) : NaN,
    rss: rss.length ? Math.max(...rss) : NaN,
    stacks: samples[0].stacks,
    rules: samples[0].rules,
  };
}

const s = (ms) => (Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mb = (bytes) => (Number.isNaN(bytes) ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
const x = (ratio) => `${ratio.toFixed(2)}x`;
const pad = (text, width) => String(text).padEnd(width);
const lpad = (text, width) => String(text).padStart(width);

function table(results) {
  const lines = [
    `  ${pad('app', 34)}${lpad('stacks', 7)}${lpad('median', 9)}${lpad('min', 9)}${lpad('max', 9)}${lpad('CPU', 9)}${lpad('peak RSS', 10)}`,
  ];
  for (const r of results) {
    lines.push(
      `  ${pad(r.name, 34)}${lpad(r.stacks, 7)}${lpad(s(r.median), 9)}${lpad(s(r.min), 9)}${lpad(s(r.max), 9)}` +
        `${lpad(s(r.cpu), 9)}${lpad(mb(r.rss), 10)}`,
    );
  }
  return lines.join('\n');
}

const checked = (ratio, budget) =>
  quick ? x(ratio) : `${x(ratio)} (budget ${x(budget)}: ${ratio <= budget ? 'ok' : 'OVER BUDGET'})`;
let overBudget = false;

function header() {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `node ${process.version}, ${os.cpus().length} cores, load average ${load}; ` +
      `Node.js flags${flagsOption === undefined ? " of cdk.json's app command" : ' (--node-flags)'}: ` +
      `${appFlags.length ? appFlags.join(' ') : '(none)'}`,
  );
}

function compare() {
  const cases = [
    { name: 'floor (empty stack)', script: FLOOR },
    { name: 'baseline (plain CDK)', script: BASELINE },
    { name: 'default app', script: APP, config: 'guardduty.config.json' },
    { name: '17-Region example', script: APP, config: 'examples/all-regions.config.json' },
  ];
  console.log(
    `\nSide by side: ${runs} measured runs of each app after one warm-up, interleaved, each a fresh process.`,
  );
  // CDK_VALIDATION=false turns off aws-cdk-lib's built-in CloudFormation Validate plugin:
  // node_modules/aws-cdk-lib/core/lib/private/synthesis-validation.js, defaultValidationEnabled():
  // `app._builtinCloudFormationValidation && process.env.CDK_VALIDATION !== "false"`. cdk-nag still runs.
  for (const validation of [true, false]) {
    const results = interleaved(
      cases.map((c) => ({ ...c, validation })),
      runs,
    );
    const [floor, baseline, app, regions] = results;
    console.log(
      validation
        ? 'With CloudFormation Validate (what `cdk synth` does):'
        : 'With CDK_VALIDATION=false (CloudFormation Validate off, cdk-nag on):',
    );
    console.log(table(results));
    const appOverBaseline = app.median / baseline.median;
    const regionsOverApp = regions.median / app.median;
    console.log(
      `  default app / baseline ${validation ? checked(appOverBaseline, BUDGETS.defaultOverBaseline) : x(appOverBaseline)}; ` +
        `default app / floor ${x(app.median / floor.median)}; ` +
        `17 Regions / default app ${validation ? checked(regionsOverApp, BUDGETS.regionsOverDefault) : x(regionsOverApp)}`,
    );
    console.log(
      `  by CPU time: default app / baseline ${x(app.cpu / baseline.cpu)}; default app / floor ` +
        `${x(app.cpu / floor.cpu)}; 17 Regions / default app ${x(regions.cpu / app.cpu)}`,
    );
    if (validation && !quick) {
      overBudget ||=
        appOverBaseline > BUDGETS.defaultOverBaseline || regionsOverApp > BUDGETS.regionsOverDefault;
    }
  }
}

/** A configuration written to the temporary directory; returns its path. */
function writeConfig(name, config) {
  const file = path.join(tmp, `${name}.config.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function growth() {
  const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  const defaults = readJson('guardduty.config.json');
  const multiRoute = readJson('examples/multi-route.config.json');
  const allRegions = readJson('examples/all-regions.config.json');
  delete defaults.$schema;
  delete allRegions.$schema;
  // N routes: the routes of examples/multi-route.config.json, cycled and renamed, with its channels.
  // A channel no route uses is a configuration error, so only the channels of the chosen routes are kept.
  const routeCases = [1, 5, 20, 50].map((n) => {
    const routes = Array.from({ length: n }, (_, i) => {
      const route = multiRoute.alerts.routes[i % multiRoute.alerts.routes.length];
      return { ...route, name: `${route.name}-${i + 1}` };
    });
    const used = new Set(routes.flatMap((r) => r.channels));
    const channels = Object.fromEntries(
      Object.entries(multiRoute.alerts.channels).filter(([name]) => used.has(name)),
    );
    return {
      n,
      name: `${n} route${n === 1 ? '' : 's'}`,
      script: APP,
      config: writeConfig(`routes-${n}`, { ...defaults, alerts: { channels, routes } }),
    };
  });
  // N Regions: the 17-Region example with its home Region and the first N - 1 others.
  const home = allRegions.homeRegion;
  const others = allRegions.regions.filter((r) => r !== home);
  const regionCases = [1, 5, 17].map((n) => ({
    n,
    name: `${n} Region${n === 1 ? '' : 's'}`,
    script: APP,
    config: writeConfig(`regions-${n}`, { ...allRegions, regions: [home, ...others.slice(0, n - 1)] }),
  }));
  console.log(
    `\nGrowth: ${growthRuns} measured run${growthRuns === 1 ? '' : 's'} of each step after one warm-up round, ` +
      'interleaved, with CloudFormation Validate (fewer runs than above: read the trend, not the digits).',
  );
  const results = interleaved([...routeCases, ...regionCases], growthRuns);
  /** One line per step; the cost of each added route or Region is the slope from the first step. */
  const print = (title, unit, rows) => {
    console.log(`  ${title}`);
    const [first] = rows;
    for (const r of rows) {
      const added = r.n - first.n;
      const slope =
        added === 0 ? '' : `, ${((r.median - first.median) / added).toFixed(0)} ms per added ${unit}`;
      console.log(
        `    ${pad(r.name, 11)}${lpad(r.stacks, 3)} stack${r.stacks === 1 ? ' ' : 's'}${lpad(r.rules, 4)} rule${r.rules === 1 ? ' ' : 's'}  ` +
          `median ${s(r.median)}, ${x(r.median / first.median)} of ${first.name}${slope}; peak RSS ${mb(r.rss)}`,
      );
    }
  };
  print('routes (default app, channels of examples/multi-route.config.json):', 'route', results.slice(0, 4));
  print('Regions (examples/all-regions.config.json):', 'Region', results.slice(4));
}

function flags() {
  // --wasm-lazy-compilation is left out: it is already V8's default in Node.js 20.
  const variants = [[], ['--liftoff-only'], ['--no-wasm-tier-up'], ['--no-wasm-dynamic-tiering']];
  console.log(
    `\nNode.js flags (docs/adr/0013): ${runs} measured runs of each after one warm-up, interleaved, ` +
      'with CloudFormation Validate.',
  );
  for (const config of ['guardduty.config.json', 'examples/all-regions.config.json']) {
    const results = interleaved(
      variants.map((f) => ({ name: f.length ? f.join(' ') : '(no flag)', script: APP, config, flags: f })),
      runs,
    );
    console.log(`${config}:`);
    console.log(table(results));
    const [none, ...others] = results;
    console.log(
      `  against no flag: ${others.map((r) => `${r.name} ${x(r.median / none.median)} wall, ${x(r.cpu / none.cpu)} CPU, ${x(r.rss / none.rss)} RSS`).join('; ')}`,
    );
  }
}

function command() {
  const tsx = [
    { name: 'npx tsx bin/app.ts', command: ['npx', 'tsx', 'bin/app.ts'] },
    {
      name: 'node --import tsx bin/app.ts',
      command: [process.execPath, '--require', USAGE_PRELOAD, '--import', 'tsx', 'bin/app.ts'],
    },
    {
      name: 'node --liftoff-only --import tsx',
      command: [
        process.execPath,
        '--liftoff-only',
        '--require',
        USAGE_PRELOAD,
        '--import',
        'tsx',
        'bin/app.ts',
      ],
    },
    { name: 'node dist/bin/app.js', script: APP, flags: [] },
  ];
  console.log(
    `\ncdk.json app command (docs/adr/0013): ${runs} measured runs of each after one warm-up, interleaved, ` +
      'default app, with CloudFormation Validate (peak RSS and CPU only where the process is node itself).',
  );
  const results = interleaved(
    tsx.map((c) => ({ ...c, config: 'guardduty.config.json' })),
    runs,
  );
  console.log(table(results));
  console.log(
    `  node --import tsx - npx tsx: ${s(results[1].median - results[0].median)} median; ` +
      `tsx - compiled: ${s(results[1].median - results[3].median)}`,
  );
}

header();
if (sections.includes('compare')) compare();
if (sections.includes('growth')) growth();
if (sections.includes('flags')) flags();
if (sections.includes('command')) command();
if (quick) console.log('\n--quick: too few runs to judge the budgets.');
if (overBudget) {
  console.log('\nOver budget: see the ratios marked OVER BUDGET above.');
  if (args.includes('--check')) process.exitCode = 1;
}
