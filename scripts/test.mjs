// `npm test`: the type check, ESLint, Prettier and the vitest suite, run side by side (they are independent); ESLint
// and Prettier keep their caches in node_modules/.cache so that a second run only redoes what changed. Each tool's output is printed
// in one piece when it ends, the failed ones last; the exit code is non-zero if any of them failed.
// Usage: node scripts/test.mjs [vitest arguments...]   (for example `npm test -- test/app` runs only those tests)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'cdk-guardduty-threat-detection');
fs.mkdirSync(cache, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const report = path.join(cache, 'vitest-report.json');
fs.rmSync(report, { force: true });

const tasks = [
  // TypeScript 7's native compiler, in a fifth of tsc 5.9's time; the build (tsc 5.9) checks the same code (ADR 0014).
  { name: 'typecheck', command: bin('tsgo'), args: ['-p', 'tsconfig.typecheck.json'] },
  {
    name: 'eslint',
    command: bin('eslint'),
    args: ['--cache', '--cache-strategy', 'content', '--cache-location', path.join(cache, 'eslint/'), '.'],
  },
  {
    name: 'prettier',
    command: bin('prettier'),
    args: [
      '--check',
      '--cache',
      '--cache-location',
      path.join(cache, 'prettier'),
      '--log-level',
      'warn',
      '.',
    ],
  },
  {
    name: 'vitest',
    command: bin('vitest'),
    args: [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ],
  },
];

function run(task) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(task.command, task.args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    // vitest is the longest; the others run at a lower priority and use the CPU time it leaves.
    if (task.name !== 'vitest' && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, 10);
      } catch {
        // Not permitted on this platform: they then share the CPU evenly, which is only slower.
      }
    }
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ task, code: 1, output: `${output}${error.message}\n`, ms: 0 }));
    child.on('close', (code) => resolve({ task, code: code ?? 1, output, ms: Date.now() - started }));
  });
}

const results = await Promise.all(tasks.map(run));
results.sort((a, b) => Number(a.code !== 0) - Number(b.code !== 0));
for (const { task, code, output, ms } of results) {
  console.log(
    `\n── ${task.name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${(ms / 1000).toFixed(1)} s`,
  );
  if (output.trim()) console.log(output.trimEnd());
}
const failed = results.filter((r) => r.code !== 0).map((r) => r.task.name);
console.log(`\n${failed.length === 0 ? 'All checks passed' : `Failed: ${failed.join(', ')}`}.`);
// The plain closing line CI reads: the number of tests vitest ran.
if (fs.existsSync(report)) {
  const { numPassedTests, numFailedTests } = JSON.parse(fs.readFileSync(report, 'utf8'));
  console.log(`tests: ${numPassedTests} passed, ${numFailedTests} failed`);
}
process.exit(failed.length === 0 ? 0 : 1);
