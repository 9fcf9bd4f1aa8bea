// Generates packages/construct-library/src/detector/finding-filter-fields.generated.json: the finding fields GuardDuty documents for filters
// and suppression rules, read from the installed AWS SDK model (the devDependency @aws-sdk/client-guardduty).
//
// - fields and timestampFields: the doc string of `CreateFilterRequest.FindingCriteria` in
//   dist-types/models/models_*.d.ts ("The following fields are available for filtering: <ul><li><p>field</p>..."),
//   which is the text of https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html. A field is
//   a timestamp when its item says "Type: Timestamp in Unix Epoch millisecond format". Kept in the SDK's order.
// - numberFields: those fields whose member is a number (Smithy integer, long, double, ...) in the SDK's schema of
//   the `Finding` shape (`Finding$`, the static schemas @smithy/types documents), found by following each dotted
//   segment through the members' `jsonName`; timestamps are left out (they are in timestampFields).
//
// Usage: npm run generate:filter-fields            (writes the file)
//        node scripts/generate-filter-fields.mjs --check   (exits 1 and prints the drift when the file is stale)
// Plain Node, no dependencies beyond the SDK it reads.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export const SDK_PACKAGE = '@aws-sdk/client-guardduty';
export const DOC_SHAPE = 'CreateFilterRequest';
export const DOC_MEMBER = 'FindingCriteria';
export const FINDING_SCHEMA = 'Finding$';
export const REFRESH_COMMAND = 'npm run generate:filter-fields';
export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = path.join(
  ROOT,
  'packages',
  'construct-library',
  'src',
  'detector',
  'finding-filter-fields.generated.json',
);

const LIST_INTRO = 'The following fields are available for filtering';
const TIMESTAMP_NOTE = /Type:\s*Timestamp in Unix Epoch millisecond format/i;
/** A filter field: dotted segments of letters and digits, such as `service.action.awsApiCallAction.api`. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/;

/** The installed SDK package's directory and version. */
export function sdkPackage() {
  const manifest = require.resolve(`${SDK_PACKAGE}/package.json`);
  const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return { name, version, dir: path.dirname(manifest) };
}

/**
 * The doc comment of `<shape>.<member>` in a generated .d.ts file, without the comment markers, or undefined when
 * the file does not declare the shape.
 */
export function memberDocComment(dts, shape = DOC_SHAPE, member = DOC_MEMBER) {
  const start = dts.indexOf(`export interface ${shape} {`);
  if (start < 0) return undefined;
  const end = dts.indexOf('\n}', start);
  const body = dts.slice(start, end < 0 ? undefined : end);
  const declaration = new RegExp(`^\\s*${member}\\??:`, 'm').exec(body);
  if (declaration === null) return undefined;
  const before = body.slice(0, declaration.index);
  const open = before.lastIndexOf('/**');
  const close = before.lastIndexOf('*/');
  if (open < 0 || close < open) return undefined;
  return before
    .slice(open + 3, close)
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''))
    .filter((line) => !/^@\w+/.test(line.trim()))
    .join(' ')
    .trim();
}

/**
 * The fields of the doc string's list "The following fields are available for filtering", in its order: the first
 * paragraph of each top-level item is the field; the item's other text tells whether it is a timestamp. Throws when
 * the list is missing or an item is not a field name, so that a change of the doc format fails loudly.
 */
export function parseFilterFieldList(doc) {
  const intro = doc.indexOf(LIST_INTRO);
  if (intro < 0) throw new Error(`the doc string has no "${LIST_INTRO}" list`);
  const listStart = doc.indexOf('<ul>', intro);
  if (listStart < 0) throw new Error(`no <ul> follows "${LIST_INTRO}"`);
  const token = /<(\/?)([a-zA-Z]+)[^>]*>|([^<]+)/g;
  token.lastIndex = listStart;
  const items = [];
  let depth = 0;
  let item;
  let match;
  while ((match = token.exec(doc)) !== null) {
    const [, closing, tag, text] = match;
    if (tag === 'ul') {
      depth += closing ? -1 : 1;
      if (depth === 0) break;
    } else if (tag === 'li' && depth === 1) {
      if (!closing) item = { name: undefined, inName: false, text: '' };
      else if (item !== undefined) {
        items.push(item);
        item = undefined;
      }
    } else if (tag === 'p' && depth === 1 && item !== undefined && item.name === undefined && !closing) {
      item.inName = true;
      item.nameText = '';
    } else if (tag === 'p' && depth === 1 && item !== undefined && item.inName && closing) {
      item.inName = false;
      item.name = item.nameText.trim();
    } else if (text !== undefined && item !== undefined) {
      item.text += text;
      if (item.inName) item.nameText += text;
    }
  }
  if (depth !== 0) throw new Error('the field list is not closed (unbalanced <ul>)');
  if (items.length === 0) throw new Error('the field list is empty');
  const fields = [];
  const timestampFields = [];
  const duplicates = [];
  for (const { name, text } of items) {
    if (name === undefined || !FIELD_NAME.test(name)) {
      throw new Error(`a list item is not a field name: ${JSON.stringify(name ?? text.trim().slice(0, 80))}`);
    }
    if (fields.includes(name)) {
      duplicates.push(name);
      continue;
    }
    fields.push(name);
    if (TIMESTAMP_NOTE.test(text)) timestampFields.push(name);
  }
  return { fields, timestampFields, duplicates };
}

/** The models file that declares the doc string, relative to the package, and the doc string itself. */
export function findFindingCriteriaDoc(sdkDir) {
  const modelsDir = path.join(sdkDir, 'dist-types', 'models');
  const files = fs
    .readdirSync(modelsDir)
    .filter((f) => f.endsWith('.d.ts'))
    .sort();
  for (const file of files) {
    const doc = memberDocComment(fs.readFileSync(path.join(modelsDir, file), 'utf8'));
    if (doc !== undefined) return { file: `dist-types/models/${file}`, doc };
  }
  throw new Error(`no ${DOC_SHAPE}.${DOC_MEMBER} doc string in ${modelsDir}`);
}

// Static schemas (@smithy/types, schema/static-schemas.d.ts and sentinels.d.ts): a member is [schemaRef, traits];
// a ref is a sentinel number, a static schema array or a function returning one.
const SIMPLE = 0;
const LIST = 1;
const MAP = 2;
const STRUCTS = new Set([3, 4, -3]); // structure, union, error
const LIST_MODIFIER = 0b0100_0000;
const MAP_MODIFIER = 0b1000_0000;
const NUMERIC_SENTINELS = new Set([0b0000_0001, 0b0001_0001, 0b0001_0011]); // numeric, bigInteger, bigDecimal
const TIMESTAMP_SENTINELS = new Set([0b0000_0100, 0b0000_0101, 0b0000_0110, 0b0000_0111]);

function deref(ref) {
  let value = ref;
  while (typeof value === 'function') value = value();
  return value;
}

/** A schema ref with lists and maps unwrapped to their element: a sentinel number or a structure schema. */
function element(ref) {
  let value = deref(ref);
  for (;;) {
    if (typeof value === 'number') {
      if (value & MAP_MODIFIER) value &= ~MAP_MODIFIER;
      else if (value & LIST_MODIFIER) value &= ~LIST_MODIFIER;
      else return value;
    } else if (Array.isArray(value) && value.length === 2) {
      value = deref(value[0]); // a member schema: [ref, traits]
    } else if (Array.isArray(value) && value[0] === SIMPLE) {
      value = deref(value[4]);
    } else if (Array.isArray(value) && value[0] === LIST) {
      value = deref(value[4]);
    } else if (Array.isArray(value) && value[0] === MAP) {
      value = deref(value[5]);
    } else {
      return value;
    }
  }
}

/**
 * The name a filter field uses for a structure member: its jsonName trait; without one, the member name with a
 * lower-case first letter (the doc writes `rdsLoginAttemptAction.loginAttributes` for the member `LoginAttributes`,
 * which has no jsonName).
 */
function fieldSegment(memberRef, memberName) {
  const traits = Array.isArray(memberRef) && memberRef.length === 2 ? memberRef[1] : undefined;
  return traits !== null && typeof traits === 'object' && typeof traits.jsonName === 'string'
    ? traits.jsonName
    : memberName.charAt(0).toLowerCase() + memberName.slice(1);
}

/**
 * What the finding format says a dotted field is: 'number', 'timestamp', 'boolean', 'string', 'structure' or
 * 'other', or undefined when a segment names no member.
 */
export function fieldKind(findingSchema, field) {
  let shape = element(findingSchema);
  for (const segment of field.split('.')) {
    if (!Array.isArray(shape) || !STRUCTS.has(shape[0])) return undefined;
    const names = shape[4];
    const refs = shape[5];
    const index = names.findIndex((name, i) => fieldSegment(refs[i], name) === segment);
    if (index < 0) return undefined;
    shape = element(refs[index]);
  }
  if (typeof shape !== 'number') return Array.isArray(shape) && STRUCTS.has(shape[0]) ? 'structure' : 'other';
  if (NUMERIC_SENTINELS.has(shape)) return 'number';
  if (TIMESTAMP_SENTINELS.has(shape)) return 'timestamp';
  if (shape === 0b0000_0010) return 'boolean';
  if (shape === 0) return 'string';
  return 'other';
}

/** The SDK's `Finding$` schema. */
export function findingSchema() {
  const schema = require(SDK_PACKAGE)[FINDING_SCHEMA];
  if (schema === undefined) throw new Error(`${SDK_PACKAGE} exports no ${FINDING_SCHEMA} schema`);
  return schema;
}

/**
 * The data file's content from an SDK package: its name and version, where each list comes from, the fields in
 * the doc's order, the timestamps, and the numbers. `unresolvedFields` are documented fields that name no member of
 * the Finding schema (their type is unknown, so they are treated as not numeric).
 */
export function buildFilterFieldData(sdk = sdkPackage(), schema = findingSchema()) {
  const { file, doc } = findFindingCriteriaDoc(sdk.dir);
  const { fields, timestampFields } = parseFilterFieldList(doc);
  const timestamps = new Set(timestampFields);
  const kinds = new Map(fields.map((f) => [f, fieldKind(schema, f)]));
  return {
    $comment: `Generated by scripts/generate-filter-fields.mjs; do not edit. Refresh with \`${REFRESH_COMMAND}\`.`,
    sdk: { package: sdk.name, version: sdk.version },
    sources: {
      fields: { file, shape: `${DOC_SHAPE}.${DOC_MEMBER}`, list: `${LIST_INTRO}` },
      timestampFields: {
        file,
        shape: `${DOC_SHAPE}.${DOC_MEMBER}`,
        list: 'items that say "Type: Timestamp in Unix Epoch millisecond format"',
      },
      numberFields: {
        file: 'dist-cjs/index.js',
        shape: `${FINDING_SCHEMA} (member types, segments matched by jsonName)`,
        list: 'documented fields that are numbers in the finding format, timestamps excepted',
      },
    },
    fields,
    timestampFields,
    numberFields: fields.filter((f) => kinds.get(f) === 'number' && !timestamps.has(f)),
    unresolvedFields: fields.filter((f) => kinds.get(f) === undefined),
  };
}

/** What was added to and removed from a list, going from `before` to `after`, and whether the order changed. */
export function diffList(before, after) {
  const was = new Set(before);
  const is = new Set(after);
  const added = after.filter((f) => !was.has(f));
  const removed = before.filter((f) => !is.has(f));
  const common = before.filter((f) => is.has(f));
  const reordered = common.join('\n') !== after.filter((f) => was.has(f)).join('\n');
  return { added, removed, reordered };
}

const LISTS = ['fields', 'timestampFields', 'numberFields', 'unresolvedFields'];

/**
 * Every difference between the committed data file and the data generated from the installed SDK, one sentence
 * each; empty when they agree.
 */
export function filterFieldDrift(committed, generated) {
  const drift = [];
  const was = committed?.sdk ?? {};
  const is = generated.sdk;
  if (was.package !== is.package || was.version !== is.version) {
    drift.push(`generated from ${was.package}@${was.version}, but ${is.package}@${is.version} is installed`);
  }
  for (const list of LISTS) {
    const { added, removed, reordered } = diffList(committed?.[list] ?? [], generated[list]);
    if (added.length > 0) drift.push(`${list} added in the SDK model: ${added.join(', ')}`);
    if (removed.length > 0) drift.push(`${list} removed from the SDK model: ${removed.join(', ')}`);
    if (reordered) drift.push(`${list}: the same fields in another order`);
  }
  if (JSON.stringify(committed?.sources) !== JSON.stringify(generated.sources)) {
    drift.push(
      `sources changed: ${JSON.stringify(committed?.sources)} -> ${JSON.stringify(generated.sources)}`,
    );
  }
  if (drift.length === 0 && JSON.stringify(committed) !== JSON.stringify(generated)) {
    drift.push('the file differs from what the generator writes (hand-edited?)');
  }
  return drift;
}

/** The message for a stale data file: what changed, and how to refresh it. */
export function driftMessage(drift, file = path.relative(ROOT, OUTPUT)) {
  return (
    `${file} does not match the installed ${SDK_PACKAGE} model:\n` +
    drift.map((d) => `  - ${d}`).join('\n') +
    `\nRun \`${REFRESH_COMMAND}\`, review the diff, and commit the file.`
  );
}

export function serialize(data) {
  return `${JSON.stringify(data, null, 2)}\n`;
}

function main(args) {
  const data = buildFilterFieldData();
  const { duplicates } = parseFilterFieldList(findFindingCriteriaDoc(sdkPackage().dir).doc);
  if (duplicates.length > 0)
    console.warn(`The SDK doc lists these fields twice (kept once): ${duplicates.join(', ')}`);
  if (data.unresolvedFields.length > 0) {
    console.warn(
      `${data.unresolvedFields.length} documented fields name no member of ${FINDING_SCHEMA}; they are listed in ` +
        'unresolvedFields and treated as not numeric.',
    );
  }
  const committed = fs.existsSync(OUTPUT) ? JSON.parse(fs.readFileSync(OUTPUT, 'utf8')) : undefined;
  const drift = filterFieldDrift(committed, data);
  if (args.includes('--check')) {
    if (drift.length > 0) {
      console.error(driftMessage(drift));
      process.exitCode = 1;
    } else {
      console.log(`${path.relative(ROOT, OUTPUT)} is up to date (${data.sdk.package}@${data.sdk.version}).`);
    }
    return;
  }
  fs.writeFileSync(OUTPUT, serialize(data));
  console.log(
    `Wrote ${path.relative(ROOT, OUTPUT)} from ${data.sdk.package}@${data.sdk.version}: ${data.fields.length} ` +
      `fields, ${data.timestampFields.length} timestamps, ${data.numberFields.length} numbers.`,
  );
  for (const d of drift) console.log(`  - ${d}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
