// Runs the compiled command line (dist/bin/cli.js) in this process, after making sure it is built from the current
// sources: `npm run preview` uses it, because the compiled CLI starts in about half the time the TypeScript sources
// take through tsx. When dist/bin/cli.js is missing or older than a source it is built from (a .ts file under bin/,
// app/, cli/ or the library's src/, a JSON file those import, tsconfig.json), it runs `npm run build` first (jsii
// for the library, then tsc for the app and the CLI; both emit nothing on an error, so the next run tries again), and
// stops if the build fails.
//
// Usage: node scripts/run-built-cli.mjs ARGUMENTS...   (the arguments of cdk-guardduty-threat-detection)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'bin', 'cli.js');
const SOURCE_DIRS = ['bin', 'app', 'cli', path.join('packages', 'construct-library', 'src')];

/** The newest modification time of the files the compiled CLI is built from, and that file. */
function newestSource() {
  let newest = {
    file: path.join(root, 'tsconfig.json'),
    mtimeMs: fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs,
  };
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const { mtimeMs } = fs.statSync(file);
        if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
      }
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  const schema = path.join(root, 'guardduty.config.schema.json'); // imported by app/config/load-config.ts
  const { mtimeMs } = fs.statSync(schema);
  return mtimeMs > newest.mtimeMs ? { file: schema, mtimeMs } : newest;
}

const built = fs.statSync(cli, { throwIfNoEntry: false });
const source = newestSource();
if (!built || built.mtimeMs < source.mtimeMs) {
  console.error(
    built
      ? `${path.relative(root, cli)} is older than ${path.relative(root, source.file)}: building first (npm run build).`
      : `${path.relative(root, cli)} does not exist: building first (npm run build).`,
  );
  // The library (jsii, into packages/construct-library/lib), then the app and the CLI (tsc, into dist/).
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed (see above); fix it, or run `npm run build` to see the errors again.');
    process.exit(build.status ?? 1);
  }
}

// dist/bin/cli.js reads process.argv.slice(2) and sets process.exitCode, as when it is run directly.
createRequire(import.meta.url)(cli);
