// Generates app/config/app-config.generated.ts, the TypeScript types of the configuration file, from its JSON schema
// guardduty.config.schema.json, with json-schema-to-typescript (a devDependency), formatted with the project's
// Prettier configuration. The schema is the one source of the configuration's shape (issue 9); app-config.ts
// re-exports these types, and test/app/config-types.test.ts fails when the committed file and the schema differ.
//
// Type names: the root is AppConfig; a schema with a `title` is named after it with `Config` appended ("Route" is
// RouteConfig, "Email channel" EmailChannelConfig); other objects are inlined where they are used.
//
// Usage: npm run generate:config-types                    (writes the file)
//        node scripts/generate-config-types.mjs --check   (exits 1 when the file is out of date)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import * as prettier from 'prettier';

export const REFRESH_COMMAND = 'npm run generate:config-types';
export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA = path.join(ROOT, 'guardduty.config.schema.json');
export const OUTPUT = path.join(ROOT, 'app', 'config', 'app-config.generated.ts');
export const ROOT_TYPE = 'AppConfig';

const HEADER = `// Generated from guardduty.config.schema.json by scripts/generate-config-types.mjs (${REFRESH_COMMAND}).
// Do not edit: change the schema and run ${REFRESH_COMMAND}. npm test fails when this file and the schema
// differ (test/app/config-types.test.ts).
`;

/** json-schema-to-typescript's one-paragraph doc comments on one line, so that the file stays short. */
const compactComments = (text) => text.replace(/\/\*\*\n\s*\* ([^\n]*)\n\s*\*\//g, '/** $1 */');

/** "Email channel" as EmailChannel, "SNS channel" as SnsChannel. */
export function typeNameOf(title) {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

/** The schema file, parsed. */
export function readSchema(file = SCHEMA) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The text of app-config.generated.ts for `schema`: header, types, formatted as `prettier --check` wants it. */
export async function generateConfigTypes(schema = readSchema()) {
  const types = await compile(JSON.parse(JSON.stringify(schema)), ROOT_TYPE, {
    bannerComment: '',
    format: false,
    // minItems/maxItems would make tuples (a route's 1 to 5 channels as five tuple types); the schema checks them.
    ignoreMinAndMaxItems: true,
    // Every object of the schema says whether it takes other keys; an object that does not is closed.
    additionalProperties: false,
    unknownAny: true,
    customName: (node) =>
      node.title === schema.title ? ROOT_TYPE : node.title ? `${typeNameOf(node.title)}Config` : undefined,
  });
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  return prettier.format(`${HEADER}\n${compactComments(types)}`, { ...options, filepath: OUTPUT });
}

async function main(args) {
  const text = await generateConfigTypes();
  const relative = path.relative(ROOT, OUTPUT);
  if (args.includes('--check')) {
    const committed = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (committed !== text) {
      console.error(`${relative} does not match guardduty.config.schema.json: run ${REFRESH_COMMAND}.`);
      process.exitCode = 1;
    }
    return;
  }
  fs.writeFileSync(OUTPUT, text);
  console.log(`wrote ${relative}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
