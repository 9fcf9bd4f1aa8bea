import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildFilterFieldData,
  diffList,
  driftMessage,
  fieldKind,
  FilterFieldData,
  filterFieldDrift,
  findingSchema,
  memberDocComment,
  parseFilterFieldList,
  sdkPackage,
  serialize,
} from '../../scripts/generate-filter-fields.mjs';
import {
  EXTRA_FILTER_FIELDS,
  FILTER_FIELDS,
  isFilterField,
  isNumericField,
  NUMBER_FIELDS,
  TIMESTAMP_FIELDS,
} from '../../packages/construct-library/src/detector/finding-filter-fields';

const DATA_FILE = path.join(
  __dirname,
  '../../packages/construct-library/src/detector/finding-filter-fields.generated.json',
);
const committed = JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as FilterFieldData;
// Parsed from the installed SDK model at test time: the contract the committed file must meet.
const generated = buildFilterFieldData();

/** The field list in the JSDoc of CfnFilter.FindingCriteriaProperty.criterion, as aws-cdk-lib ships it. */
function cdkDocumentedFields(): string[] {
  const dts = fs.readFileSync(
    path.join(__dirname, '../../node_modules/aws-cdk-lib/aws-guardduty/lib/guardduty.generated.d.ts'),
    'utf8',
  );
  const start = dts.indexOf('The following are the available criterion');
  const block = dts.slice(start, dts.indexOf('@see', start));
  return [...new Set([...block.matchAll(/^\s*\* - ([a-zA-Z][A-Za-z0-9_.]+)\s*$/gm)].map((m) => m[1]))];
}

describe('the generated filter-field file', () => {
  it('is what the generator makes of the installed SDK model (else: npm run generate:filter-fields)', () => {
    const drift = filterFieldDrift(committed, generated);
    expect(drift, driftMessage(drift)).toEqual([]);
  });

  it('is written exactly as the generator serializes it', () => {
    expect(fs.readFileSync(DATA_FILE, 'utf8')).toBe(serialize(generated));
  });

  it('names the SDK package and version, and the file and shape it was read from', () => {
    const sdk = sdkPackage();
    expect(committed.sdk).toEqual({ package: '@aws-sdk/client-guardduty', version: sdk.version });
    expect(committed.sources.fields.shape).toBe('CreateFilterRequest.FindingCriteria');
    expect(fs.existsSync(path.join(sdk.dir, committed.sources.fields.file))).toBe(true);
    expect(fs.existsSync(path.join(sdk.dir, committed.sources.numberFields.file))).toBe(true);
  });

  it('lists the documented fields in the SDK order, without duplicates, timestamps and numbers among them', () => {
    expect(committed.fields.length).toBeGreaterThan(600);
    expect(new Set(committed.fields).size).toBe(committed.fields.length);
    expect(committed.fields.slice(0, 3)).toEqual(['accountId', 'arn', 'associatedAttackSequenceArn']);
    expect(committed.fields.slice(-3)).toEqual(['severity', 'type', 'updatedAt']);
    for (const list of [committed.timestampFields, committed.numberFields, committed.unresolvedFields]) {
      expect(list.filter((f) => !committed.fields.includes(f))).toEqual([]);
    }
    expect(committed.numberFields.filter((f) => committed.timestampFields.includes(f))).toEqual([]);
    expect(committed.timestampFields).toEqual(expect.arrayContaining(['createdAt', 'updatedAt']));
    expect(committed.numberFields).toEqual(
      expect.arrayContaining([
        'severity',
        'confidence',
        'service.count',
        'service.detection.sequence.signals.count',
      ]),
    );
  });
});

describe('finding-criteria reads the generated file', () => {
  it('accepts every generated field, and the timestamps and numbers are the generated ones', () => {
    expect(committed.fields.filter((f) => !isFilterField(f))).toEqual([]);
    expect(TIMESTAMP_FIELDS).toEqual(committed.timestampFields);
    expect(NUMBER_FIELDS).toEqual(committed.numberFields);
    expect(isNumericField('service.action.rdsLoginAttemptAction.loginAttributes.failedLoginAttempts')).toBe(
      true,
    );
  });

  it('adds only the hand-written extra fields, each with its documented source', () => {
    const generatedSet = new Set(committed.fields);
    expect(FILTER_FIELDS.filter((f) => !generatedSet.has(f))).toEqual(
      EXTRA_FILTER_FIELDS.map((e) => e.field),
    );
    for (const extra of EXTRA_FILTER_FIELDS) expect(extra.source).toMatch(/botocore|CloudFormation/);
  });

  it('keeps no extra field that the SDK now lists (remove it from EXTRA_FILTER_FIELDS)', () => {
    const nowGenerated = EXTRA_FILTER_FIELDS.filter((e) => generated.fields.includes(e.field)).map(
      (e) => e.field,
    );
    expect(nowGenerated, `remove from EXTRA_FILTER_FIELDS: ${nowGenerated.join(', ')}`).toEqual([]);
  });

  it('keeps as extras exactly the CloudFormation-documented fields that the SDK does not list', () => {
    const cfnOnly = cdkDocumentedFields().filter((f) => !generated.fields.includes(f));
    expect(cfnOnly.sort()).toEqual([
      'resource.rdsDbInstanceDetails.tags.key',
      'resource.rdsDbInstanceDetails.tags.value',
      'resource.s3BucketDetails.publicAccess.effectivePermissions',
    ]);
    for (const field of cfnOnly) {
      expect(EXTRA_FILTER_FIELDS.find((e) => e.field === field)?.source).toContain('CloudFormation');
    }
  });
});

describe('filterFieldDrift', () => {
  it('names the fields added to and removed from the SDK model, and says how to refresh', () => {
    const stale = {
      ...committed,
      fields: [...committed.fields.filter((f) => f !== 'service.featureName'), 'service.retiredField'],
    };
    const drift = filterFieldDrift(stale, generated);
    expect(drift).toEqual([
      'fields added in the SDK model: service.featureName',
      'fields removed from the SDK model: service.retiredField',
    ]);
    expect(driftMessage(drift)).toBe(
      'packages/construct-library/src/detector/finding-filter-fields.generated.json does not match the installed @aws-sdk/client-guardduty ' +
        'model:\n' +
        '  - fields added in the SDK model: service.featureName\n' +
        '  - fields removed from the SDK model: service.retiredField\n' +
        'Run `npm run generate:filter-fields`, review the diff, and commit the file.',
    );
  });

  it('reports a changed timestamp or number list, a new SDK version and a changed order', () => {
    const stale = {
      ...committed,
      sdk: { ...committed.sdk, version: '3.0.0' },
      timestampFields: committed.timestampFields.filter((f) => f !== 'updatedAt'),
      numberFields: [...committed.numberFields].reverse(),
    };
    expect(filterFieldDrift(stale, generated)).toEqual([
      `generated from @aws-sdk/client-guardduty@3.0.0, but @aws-sdk/client-guardduty@${generated.sdk.version} is installed`,
      'timestampFields added in the SDK model: updatedAt',
      'numberFields: the same fields in another order',
    ]);
  });

  it('reports a hand edit that changes nothing the lists compare, and nothing for an identical file', () => {
    expect(filterFieldDrift({ ...committed, $comment: 'edited' }, generated)).toEqual([
      'the file differs from what the generator writes (hand-edited?)',
    ]);
    expect(filterFieldDrift(JSON.parse(JSON.stringify(generated)), generated)).toEqual([]);
  });

  it('treats a missing file as all fields added', () => {
    const drift = filterFieldDrift(undefined, generated);
    expect(drift[0]).toBe(
      `generated from undefined@undefined, but @aws-sdk/client-guardduty@${generated.sdk.version} is installed`,
    );
    expect(drift[1]).toMatch(/^fields added in the SDK model: accountId, arn, /);
  });

  it('diffs two lists', () => {
    expect(diffList(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual({
      added: ['d'],
      removed: ['b'],
      reordered: false,
    });
    expect(diffList(['a', 'b'], ['b', 'a'])).toEqual({ added: [], removed: [], reordered: true });
  });
});

describe('parseFilterFieldList', () => {
  const doc =
    '<p>Represents the criteria. The following fields are available for filtering:</p> <ul> ' +
    '<li> <p>accountId</p> </li> ' +
    '<li> <p>createdAt</p> <p>Type: Timestamp in Unix Epoch millisecond format. Ex: 1486685375000</p> </li> ' +
    '<li> <p>severity</p> <p>Use:</p> <ul> <li> <p> <b>Low</b>: <code>["1"]</code> </p> </li> </ul> </li> ' +
    '<li> <p>type</p> </li> <li> <p>type</p> </li> </ul> <p>After the list.</p>';

  it('reads the top-level items in order, marks timestamps, ignores nested lists and drops repeats', () => {
    expect(parseFilterFieldList(doc)).toEqual({
      fields: ['accountId', 'createdAt', 'severity', 'type'],
      timestampFields: ['createdAt'],
      duplicates: ['type'],
    });
  });

  it('fails loudly when the doc format changes', () => {
    expect(() => parseFilterFieldList('<p>No list here.</p>')).toThrow(/has no "The following fields/);
    expect(() =>
      parseFilterFieldList(
        'The following fields are available for filtering: <ul> <li> <p>a b</p> </li> </ul>',
      ),
    ).toThrow('a list item is not a field name: "a b"');
    expect(() =>
      parseFilterFieldList('The following fields are available for filtering: <ul> <li> <p>a</p> </li>'),
    ).toThrow(/not closed/);
  });

  it('finds the doc comment of the member in its interface only', () => {
    const dts = [
      'export interface UpdateFilterRequest {',
      '    /**',
      '     * <p>Other text.</p>',
      '     * @public',
      '     */',
      '    FindingCriteria?: FindingCriteria | undefined;',
      '}',
      'export interface CreateFilterRequest {',
      '    /**',
      '     * <p>The criteria.</p>',
      '     * <ul> <li> <p>id</p> </li> </ul>',
      '     * @public',
      '     */',
      '    FindingCriteria: FindingCriteria | undefined;',
      '}',
    ].join('\n');
    expect(memberDocComment(dts)).toBe('<p>The criteria.</p> <ul> <li> <p>id</p> </li> </ul>');
    expect(memberDocComment(dts, 'ListFindingsRequest')).toBeUndefined();
  });
});

describe('fieldKind', () => {
  it('follows jsonName (or the lower-cased member name) through structures and lists of the Finding schema', () => {
    const schema = findingSchema();
    expect(fieldKind(schema, 'severity')).toBe('number');
    expect(fieldKind(schema, 'type')).toBe('string');
    expect(fieldKind(schema, 'service.archived')).toBe('boolean');
    expect(fieldKind(schema, 'resource.ecsClusterDetails.taskDetails.createdAt')).toBe('timestamp');
    expect(fieldKind(schema, 'service.action.networkConnectionAction.remoteIpDetails.geoLocation.lat')).toBe(
      'number',
    );
    expect(fieldKind(schema, 'resource.instanceDetails.networkInterfaces.securityGroups.groupId')).toBe(
      'string',
    );
    expect(
      fieldKind(schema, 'service.action.rdsLoginAttemptAction.loginAttributes.failedLoginAttempts'),
    ).toBe('number');
    expect(fieldKind(schema, 'resource')).toBe('structure');
    expect(fieldKind(schema, 'service.additionalInfo.localPort')).toBeUndefined();
    expect(fieldKind(schema, 'resource.nothing')).toBeUndefined();
  });
});
