// The checks of the packages that need their build, which CI runs after `npm test` (.ci/run):
//   1. the build: the library with jsii (its assembly, .jsii), then the app and the CLI with tsc;
//   2. the API reference: packages/construct-library/API.md must be what jsii-docgen makes of the assembly;
//   3. the bindings: jsii-pacmak generates the Python, Java, .NET and Go code (code only: their registries and
//      toolchains are not reachable here, so nothing is packaged or compiled but the Python, which python3
//      byte-compiles);
//   4. the packaging test: both packages packed and installed with --omit=dev into a fresh CDK app;
//   5. the integration tests' snapshots, compared offline (no deploy, no credentials).
// Each step's time is printed; the first failure stops the run.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
  ['build', 'npm', ['run', 'build']],
  ['API.md', 'node', ['scripts/generate-api-docs.mjs', '--check']],
  [
    'bindings (Python, Java, .NET, Go; code only)',
    'npm',
    ['run', 'package', '--workspace', 'cdk-guardduty-threat-detection'],
  ],
  [
    'Python byte-compile',
    'python3',
    ['-m', 'compileall', '-q', 'packages/construct-library/dist/python/src'],
  ],
  ['packaging test', 'npm', ['run', 'test:packaging', '--', '--skip-build']],
  ['integ snapshots', 'npm', ['run', 'integ:snapshot']],
];
const results = [];
for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${name}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  if (run.status !== 0) {
    console.error(`\n${results.join('\n')}`);
    process.exit(run.status ?? 1);
  }
}
console.log(`\n${results.join('\n')}`);
