// Copies what jsii does not compile into the library's build (packages/construct-library/lib): the provider
// function's handler, plain CommonJS that the Lambda function runs as it is (src/private/provider/handler/*.js).
// Run by the library's `npm run build`, from its folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const library = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'packages',
  'construct-library',
);
const from = path.join(library, 'src', 'private', 'provider', 'handler');
const to = path.join(library, 'lib', 'private', 'provider', 'handler');
fs.rmSync(to, { recursive: true, force: true });
fs.mkdirSync(to, { recursive: true });
for (const file of fs.readdirSync(from).filter((f) => f.endsWith('.js'))) {
  fs.copyFileSync(path.join(from, file), path.join(to, file));
}
console.log(`copied ${fs.readdirSync(to).length} handler files to ${path.relative(process.cwd(), to)}`);
