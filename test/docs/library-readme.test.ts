// The examples of the library's README (packages/construct-library/README.md, which npm, PyPI and Construct Hub
// show) are compiled here, so that they cannot rot: the TypeScript ones by the type checker against the library's
// sources, the Python one by python3 (syntax) and against the library's props (each keyword a camelCase prop).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const LIBRARY = path.join(ROOT, 'packages', 'construct-library');
const readme = fs.readFileSync(path.join(LIBRARY, 'README.md'), 'utf8');
const blocks = (language: string) =>
  [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe("the library README's examples", () => {
  it('has TypeScript examples and a Python example', () => {
    expect(blocks('ts').length).toBeGreaterThanOrEqual(2);
    expect(blocks('python')).toHaveLength(1);
  });

  it('type-check against the library, as a user would import it', () => {
    const dir = path.join(ROOT, 'node_modules', '.cache', 'readme-examples');
    // Not excluded by the root tsconfig's node_modules: `exclude` is set to nothing below.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const files = blocks('ts').map((code, i) => {
      const file = path.join(dir, `example-${i + 1}.ts`);
      // Each example is a module of its own, so that two may declare the same names.
      fs.writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const tsconfig = path.join(dir, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(ROOT, 'tsconfig.typecheck.json'),
        compilerOptions: { noUnusedLocals: false },
        include: files,
        exclude: [],
      }),
    );
    const check = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsgo'), ['-p', tsconfig], {
      encoding: 'utf8',
    });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it.skipIf(!hasPython)('Python: compiles, and imports and passes only what the library has', () => {
    const [code] = blocks('python');
    const compile = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
      input: code,
      encoding: 'utf8',
    });
    expect(compile.stderr).toBe('');
    const sources = fs
      .readdirSync(path.join(LIBRARY, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(LIBRARY, 'src', f), 'utf8'))
      .join('\n');
    const imported = /from cdk_guardduty_threat_detection import \(([^)]*)\)/.exec(code)![1];
    for (const name of imported
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)) {
      expect(sources, name).toMatch(new RegExp(`export (class|interface|enum) ${name}\\b`));
    }
    const keywords = [...code.matchAll(/\b([a-z][a-z0-9_]*)=/g)].map((m) => m[1]).filter((k) => k !== 'env');
    for (const keyword of keywords) {
      const prop = keyword.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      if (prop === 'region') continue; // aws_cdk.Environment
      expect(sources, `${keyword} (${prop})`).toMatch(new RegExp(`readonly ${prop}\\?`));
    }
  });
});
