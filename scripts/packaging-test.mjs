// The packaging test: both packages as users get them, in a fresh CDK app in TypeScript.
//
//   1. `npm run build` (skip with --skip-build when the build is fresh), then `npm pack` of the library
//      (packages/construct-library) and of the app and CLI (the root package) into a temporary directory.
//   2. For each aws-cdk-lib version (default: the lowest the library's peer range allows, and the newest it allows):
//      a fresh app whose package.json depends on the two tarballs, that aws-cdk-lib, constructs, cdk-nag v3 and cdk-nag
//      v2 (as cdk-nag-v2, npm:cdk-nag@^2), installed with `npm install --omit=dev`. Its devDependencies (typescript,
//      @types/node) are installed apart, in a tools directory, so that the app's node_modules is exactly the
//      production tree: nothing the packages need at run time can come from a consumer's tooling.
//   3. tsc compiles test/packaging/consumer/*.ts there (strict, declarations of the installed packages checked too).
//   4. The app is synthesized twice: with cdk-nag v3 (Validations.of(app).addPlugins(...), findings in the
//      validation report) and with cdk-nag v2 (Aspects.of(app).add(...), findings as error annotations in the
//      manifest). Any error on a resource of the library fails the test; the consumer's own resources (construct IDs
//      starting with "Own") are reported, not asserted, except that the consumer's own bucket must still draw the
//      finding the library acknowledges on its archive bucket: an acknowledgement must not reach a user's resource
//      (aws-cdk-lib 2.258 to 2.270 apply one to the whole app, hence the peer range ^2.271.0).
//   5. The installed CLI: `npx cdk-guardduty-threat-detection --help`, and a preview of one of its samples.
//
// The npm cache is used (--prefer-offline); the registry is needed only for what the cache lacks.
//
// Usage: node scripts/packaging-test.mjs [--skip-build] [--aws-cdk-lib lowest|newest|X.Y.Z]... [--keep]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIBRARY = 'cdk-guardduty-threat-detection';
const APP = 'cdk-guardduty-threat-detection-app';
const FIXTURE = path.join(root, 'test', 'packaging', 'consumer');
const SAMPLE = 'recon-ec2-portscan.json';
/** A construct ID of the consumer's own starts with this (test/packaging/consumer/consumer.ts, OWN_PREFIX). */
const OWN_PREFIX = 'Own';
/** A finding the consumer's own bucket draws, and the library acknowledges on its own archive bucket. */
const OWN_FINDING = ['PackagedArchive/OwnBucket/Resource', 'NIST.800.53.R5-S3BucketReplicationEnabled'];
const NPM_INSTALL = [
  'install',
  '--omit=dev',
  '--prefer-offline',
  '--no-audit',
  '--no-fund',
  '--loglevel=error',
];

const { values: options } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    'aws-cdk-lib': { type: 'string', multiple: true },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log(
    'Usage: node scripts/packaging-test.mjs [--skip-build] [--aws-cdk-lib lowest|newest|X.Y.Z]... [--keep]\n' +
      '  --skip-build   use the current build (packages/construct-library/lib, dist/)\n' +
      '  --aws-cdk-lib  the aws-cdk-lib versions to test (default: lowest and newest of the peer range)\n' +
      '  --keep         keep the temporary directory',
  );
  process.exit(0);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const rootPackage = readJson(path.join(root, 'package.json'));
const libraryPackage = readJson(path.join(root, 'packages', 'construct-library', 'package.json'));
const timings = [];
const failures = [];

/** Runs a command; throws with its output if it fails, unless `allowFailure`. */
function run(command, args, { cwd = root, env = {}, allowFailure = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited with ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** Runs `action` as a named step, timing it; the name and time go to the summary. */
function step(name, action) {
  const started = Date.now();
  process.stdout.write(`── ${name} … `);
  try {
    const note = action();
    const seconds = (Date.now() - started) / 1000;
    timings.push({ name, seconds, ok: true, note });
    console.log(`${seconds.toFixed(1)} s${note ? ` (${note})` : ''}`);
  } catch (e) {
    const seconds = (Date.now() - started) / 1000;
    timings.push({ name, seconds, ok: false });
    console.log(`FAILED after ${seconds.toFixed(1)} s`);
    throw e;
  }
}

/** The lower bound of a peer range written `^X.Y.Z` or `>=X.Y.Z`. */
function lowestOf(range) {
  const match = /^(?:\^|>=\s*)(\d+\.\d+\.\d+)$/.exec(range.trim());
  if (!match) throw new Error(`Cannot tell the lowest version of the peer range ${JSON.stringify(range)}`);
  return match[1];
}

const compareVersions = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** The newest published version that the range allows (npm view lists every matching version). */
function newestOf(name, range) {
  const listed = JSON.parse(run('npm', ['view', `${name}@${range}`, 'version', '--json']).stdout);
  return [listed].flat().sort(compareVersions).at(-1);
}

/** Packs a package into `dir`; returns the tarball's path. */
function pack(dir, workspace) {
  const args = [
    'pack',
    '--json',
    '--pack-destination',
    dir,
    ...(workspace ? ['--workspace', workspace] : []),
  ];
  const [packed] = JSON.parse(run('npm', args).stdout);
  return path.join(dir, packed.filename);
}

/** Whether a construct path passes through a construct of the consumer's own. */
const ownedByConsumer = (constructPath) =>
  constructPath
    .replace(/^\//, '')
    .split('/')
    .some((id) => id.startsWith(OWN_PREFIX));

/**
 * The findings of a synth: the violations of the validation report (validation plugins: cdk-nag v3, CloudFormation
 * Validate), a plugin that failed, and the error and warning annotations of the stacks' metadata (cdk-nag v2's
 * Aspects, the library's warnings). aws-cdk-lib 2.257 writes only the older report, policy-validation-report.json.
 */
function findingsOf(outdir) {
  const findings = [];
  const report = ['validation-report.json', 'policy-validation-report.json']
    .map((file) => path.join(outdir, file))
    .find((file) => fs.existsSync(file));
  for (const plugin of report ? readJson(report).pluginReports : []) {
    const name = plugin.pluginName ?? plugin.summary?.pluginName;
    const failed = (plugin.metadata ?? plugin.summary?.metadata)?.error;
    if (failed) findings.push({ level: 'error', rule: `${name} failed: ${failed}`, path: '(the plugin)' });
    for (const violation of plugin.violations ?? []) {
      const paths = [...(violation.violatingConstructs ?? []), ...(violation.violatingResources ?? [])].map(
        (c) => c.constructPath,
      );
      for (const constructPath of new Set(paths)) {
        findings.push({
          level: violation.severity === 'error' ? 'error' : 'warning',
          rule: `${name}: ${violation.ruleName}`,
          path: constructPath ?? '(unknown)',
        });
      }
    }
  }
  const manifest = readJson(path.join(outdir, 'manifest.json'));
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    // Newer versions write a stack's metadata to its own file (additionalMetadataFile), older ones into the manifest.
    const files = [artifact.metadata ?? {}];
    if (artifact.additionalMetadataFile)
      files.push(readJson(path.join(outdir, artifact.additionalMetadataFile)));
    for (const [constructPath, entries] of files.flatMap((m) => Object.entries(m))) {
      for (const entry of entries) {
        const level = { 'aws:cdk:error': 'error', 'aws:cdk:warning': 'warning' }[entry.type];
        if (level)
          findings.push({ level, rule: String(entry.data).split('\n')[0], path: constructPath.slice(1) });
      }
    }
  }
  return findings;
}

/** Synthesizes the compiled `main` in `app`; returns a one-line note, and records the library's errors. */
function synth(label, app, main) {
  const outdir = path.join(app, `cdk.out.${path.basename(main, '.js')}`);
  const result = run('node', [path.join('dist', main)], {
    cwd: app,
    // As the CDK CLI runs an app: the output directory, and context asking for the JSON report of every version.
    env: {
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ '@aws-cdk/core:validationReportJson': true }),
    },
    allowFailure: true,
  });
  if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
    throw new Error(
      `${main} wrote no cloud assembly (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  const findings = findingsOf(outdir);
  const library = findings.filter((f) => !ownedByConsumer(f.path));
  const libraryErrors = library.filter((f) => f.level === 'error');
  const ownErrors = findings.filter((f) => f.level === 'error' && ownedByConsumer(f.path));
  // The library acknowledges this rule on its own archive bucket; the consumer's bucket must still draw it.
  const [ownPath, ownRule] = OWN_FINDING;
  if (!ownErrors.some((f) => f.path === ownPath && f.rule.includes(ownRule))) {
    failures.push(
      `${label}, ${main}: the consumer's own ${ownPath} does not draw ${ownRule}, which the library acknowledges ` +
        'on its own bucket only: the acknowledgement reached a resource of the user (aws-cdk-lib before 2.271 ' +
        'applies an acknowledgement to the whole app)',
    );
  }
  if (libraryErrors.length > 0) {
    failures.push(
      `${label}, ${main}: ${libraryErrors.length} error(s) on the library's resources:\n` +
        libraryErrors.map((f) => `  ${f.path}: ${f.rule}`).join('\n'),
    );
  } else if (result.status !== 0 && ownErrors.length === 0) {
    failures.push(
      `${label}, ${main}: exit ${result.status} without errors:\n${result.stdout}\n${result.stderr}`,
    );
  }
  const warnings = library.filter((f) => f.level === 'warning').length;
  return (
    `${libraryErrors.length} errors and ${warnings} warnings on the library's resources; on the consumer's own, ` +
    `${ownErrors.map((f) => `${f.path} ${f.rule.replace(/^.*?(\S+?)(:.*)?$/, '$1')}`).join(', ') || 'none'}`
  );
}

/** The version of `name` that code in `dir` gets from require(). */
function resolvedVersion(name, dir) {
  let current = dir;
  for (;;) {
    const file = path.join(current, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) return readJson(file).version;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function testWith(awsCdkLib, tarballs, tools, work) {
  const label = `aws-cdk-lib ${awsCdkLib}`;
  const app = path.join(work, `app-aws-cdk-lib-${awsCdkLib}`);
  fs.mkdirSync(path.join(app, 'src'), { recursive: true });
  for (const file of fs.readdirSync(FIXTURE)) {
    // The .d.ts stand-ins are for the repository's type check only; here the installed declarations are used.
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
      fs.copyFileSync(path.join(FIXTURE, file), path.join(app, 'src', file));
    }
  }
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'packaging-test-app',
        version: '0.0.0',
        private: true,
        dependencies: {
          [LIBRARY]: `file:${tarballs.library}`,
          [APP]: `file:${tarballs.app}`,
          'aws-cdk-lib': awsCdkLib,
          constructs: libraryPackage.peerDependencies.constructs,
          'cdk-nag': rootPackage.dependencies['cdk-nag'],
          'cdk-nag-v2': 'npm:cdk-nag@^2',
        },
        devDependencies: {
          typescript: rootPackage.devDependencies.typescript,
          '@types/node': rootPackage.devDependencies['@types/node'],
        },
      },
      undefined,
      2,
    ),
  );
  // The compiler options of `cdk init app --language typescript`, with the types from the tools directory.
  fs.writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['es2022'],
          declaration: true,
          strict: true,
          noImplicitAny: true,
          strictNullChecks: true,
          noImplicitThis: true,
          alwaysStrict: true,
          noImplicitReturns: true,
          inlineSourceMap: true,
          experimentalDecorators: true,
          strictPropertyInitialization: false,
          typeRoots: [path.join(tools, 'node_modules', '@types')],
          rootDir: 'src',
          outDir: 'dist',
        },
        include: ['src/**/*.ts'],
      },
      undefined,
      2,
    ),
  );

  step(`${label}: npm install --omit=dev`, () => {
    run('npm', NPM_INSTALL, { cwd: app });
    const libraryDir = path.join(app, 'node_modules', LIBRARY);
    const appDir = path.join(app, 'node_modules', APP);
    if (fs.existsSync(path.join(appDir, 'node_modules', LIBRARY))) {
      throw new Error(`${APP} got its own copy of ${LIBRARY} instead of the packed one`);
    }
    const versions = {
      library: resolvedVersion('aws-cdk-lib', libraryDir),
      app: resolvedVersion('aws-cdk-lib', appDir),
      'cdk-nag': resolvedVersion('cdk-nag', app),
      'cdk-nag-v2': resolvedVersion('cdk-nag-v2', app),
    };
    if (versions.library !== awsCdkLib) {
      throw new Error(`${LIBRARY} resolves aws-cdk-lib ${versions.library}, not ${awsCdkLib}`);
    }
    return `the library on aws-cdk-lib ${versions.library}, the app on ${versions.app}; cdk-nag ${versions['cdk-nag']} and ${versions['cdk-nag-v2']}`;
  });
  step(`${label}: tsc`, () => {
    run('node', [path.join(tools, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app]);
  });
  step(`${label}: synth with cdk-nag v3`, () => synth(label, app, 'main-nag-v3.js'));
  step(`${label}: synth with cdk-nag v2`, () => synth(label, app, 'main-nag-v2.js'));
  step(`${label}: npx ${LIBRARY} --help`, () => {
    const help = run('npx', ['--no-install', LIBRARY, '--help'], { cwd: app }).stdout;
    if (!help.startsWith(`Usage: ${LIBRARY} preview`)) throw new Error(`Unexpected help:\n${help}`);
  });
  step(`${label}: npx ${LIBRARY} preview samples/${SAMPLE}`, () => {
    const installed = path.join('node_modules', APP);
    const config = path.join(installed, 'guardduty.config.json');
    const sample = path.join(installed, 'samples', SAMPLE);
    const preview = run('npx', ['--no-install', LIBRARY, 'preview', '--config', config, '--json', sample], {
      cwd: app,
    }).stdout;
    const [event] = JSON.parse(preview);
    if (!event) throw new Error(`The preview printed no event:\n${preview}`);
    return `${preview.length.toLocaleString('en-US')} characters of JSON`;
  });
}

const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-gd-packaging-'));
let exitCode = 0;
try {
  const peerRange = libraryPackage.peerDependencies['aws-cdk-lib'];
  const requested = options['aws-cdk-lib'] ?? ['lowest', 'newest'];
  const versions = requested.map((v) =>
    v === 'lowest' ? lowestOf(peerRange) : v === 'newest' ? newestOf('aws-cdk-lib', peerRange) : v,
  );
  console.log(`Packaging test in ${work}: aws-cdk-lib ${versions.join(' and ')} (peer range ${peerRange})`);

  if (!options['skip-build']) step('npm run build', () => void run('npm', ['run', 'build']));
  const tarballs = {};
  step('npm pack (both packages)', () => {
    const dir = path.join(work, 'tarballs');
    fs.mkdirSync(dir);
    tarballs.library = pack(dir, LIBRARY);
    tarballs.app = pack(dir);
    return [tarballs.library, tarballs.app].map((file) => path.basename(file)).join(', ');
  });
  const tools = path.join(work, 'tools');
  step('tools: typescript and @types/node', () => {
    fs.mkdirSync(tools);
    const { typescript, '@types/node': types } = rootPackage.devDependencies;
    fs.writeFileSync(
      path.join(tools, 'package.json'),
      JSON.stringify({ private: true, dependencies: { typescript, '@types/node': types } }),
    );
    run('npm', NPM_INSTALL, { cwd: tools });
  });
  for (const version of versions) {
    // A failing version does not stop the others.
    try {
      testWith(version, tarballs, tools, work);
    } catch (e) {
      failures.push(`aws-cdk-lib ${version}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
} catch (e) {
  failures.push(e instanceof Error ? e.message : String(e));
} finally {
  if (failures.length > 0) exitCode = 1;
  if (options.keep || exitCode !== 0) console.log(`\nKept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

console.log('\nSummary:');
for (const t of timings)
  console.log(`  ${t.ok ? 'ok  ' : 'FAIL'} ${t.seconds.toFixed(1).padStart(6)} s  ${t.name}`);
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length > 0) {
  console.error(`\nThe packaging test failed:\n${failures.join('\n\n')}`);
}
process.exit(exitCode);
