// Generates packages/construct-library/API.md, the library's API reference, from its jsii assembly (.jsii) with
// jsii-docgen: never written by hand. Run after the library's build (npm run build). With --check, writes nothing and
// exits 1 when the committed API.md differs from what the current assembly gives (CI runs this).
//
// jsii-docgen's command line looks for the assemblies of the dependencies under the package's own folder, where a
// workspace package has none (npm hoists them to the root): the type system is given here as a folder of links to
// the library and its two jsii dependencies.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const library = path.join(root, 'packages', 'construct-library');
const output = path.join(library, 'API.md');
const require = createRequire(import.meta.url);
const { Documentation, Language } = require('jsii-docgen');

if (!fs.existsSync(path.join(library, '.jsii'))) {
  console.error('packages/construct-library/.jsii is missing: build the library first (npm run build).');
  process.exit(1);
}
const types = fs.mkdtempSync(path.join(os.tmpdir(), 'api-docs-'));
try {
  for (const [name, dir] of [
    ['cdk-guardduty-threat-detection', library],
    ['aws-cdk-lib', path.dirname(require.resolve('aws-cdk-lib/package.json'))],
    ['constructs', path.dirname(require.resolve('constructs/package.json'))],
  ]) {
    fs.symlinkSync(dir, path.join(types, name), 'dir');
  }
  const docs = await Documentation.forAssembly('cdk-guardduty-threat-detection', types);
  const markdown = (await docs.toMarkdown({ language: Language.TYPESCRIPT, allSubmodules: true })).render();
  await docs.cleanup();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
    if (committed !== markdown) {
      console.error('packages/construct-library/API.md is out of date: run npm run docgen and commit it.');
      process.exit(1);
    }
    console.log('API.md matches the assembly.');
  } else {
    fs.writeFileSync(output, markdown);
    console.log(
      `wrote ${path.relative(root, output)} (${markdown.length.toLocaleString('en-US')} characters)`,
    );
  }
} finally {
  fs.rmSync(types, { recursive: true, force: true });
}
