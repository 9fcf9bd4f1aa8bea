// The finding fields GuardDuty documents for filters, and the look-ups and suggestions made from them.
import filterFieldData from './finding-filter-fields.generated.json';

/** One filter field that GuardDuty documents outside the SDK doc string the generated list is read from. */
export interface ExtraFilterField {
  readonly field: string;
  /** Where it is documented. */
  readonly source: string;
}

const CFN_CRITERION_DOC =
  'the criterion list of AWS::GuardDuty::Filter FindingCriteria in the CloudFormation reference ' +
  '(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-guardduty-filter-findingcriteria.html), ' +
  'also the JSDoc of CfnFilter.FindingCriteriaProperty.criterion in aws-cdk-lib 2.276.0';
const OTHER_API_MODEL =
  'the CreateFilter FindingCriteria list of another version of the GuardDuty API model: botocore 1.43.11 (the ' +
  "source of this list before it was generated) and a copy of the AWS SDK for .NET's CreateFilterRequest; " +
  '@aws-sdk/client-guardduty 3.1169.0 does not list it';

/**
 * The filter fields GuardDuty documents elsewhere but the SDK doc string of the generated file does not list, each
 * with its source; kept so that a rule written from that source still synthesizes. Hand-written, because the
 * generator reads only the SDK. When the SDK starts to list one of them, the generated file gains it and
 * test/detector/finding-filter-fields.test.ts asks to remove it here.
 */
export const EXTRA_FILTER_FIELDS: readonly ExtraFilterField[] = [
  { field: 'description', source: OTHER_API_MODEL },
  {
    field: 'resource.rdsDbInstanceDetails.tags.key',
    source: `${CFN_CRITERION_DOC}; and ${OTHER_API_MODEL}`,
  },
  {
    field: 'resource.rdsDbInstanceDetails.tags.value',
    source: `${CFN_CRITERION_DOC}; and ${OTHER_API_MODEL}`,
  },
  {
    // Probably a misspelling of resource.s3BucketDetails.publicAccess.effectivePermission (the finding format's
    // name, which the SDK lists); kept because CloudFormation documents it verbatim.
    field: 'resource.s3BucketDetails.publicAccess.effectivePermissions',
    source: CFN_CRITERION_DOC,
  },
  { field: 'service.action.awsApiCallAction.affectedResources', source: OTHER_API_MODEL },
  { field: 'service.detection.anomaly.profiles', source: OTHER_API_MODEL },
  { field: 'service.detection.anomaly.unusual.behavior', source: OTHER_API_MODEL },
  { field: 'title', source: OTHER_API_MODEL },
];

/**
 * The finding fields GuardDuty documents for filters, sorted: the `FindingCriteria` list of the CreateFilter API
 * reference, as the installed AWS SDK model states it (src/detector/finding-filter-fields.generated.json, written by
 * `npm run generate:filter-fields`), and {@link EXTRA_FILTER_FIELDS}.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateFilter.html
 */
export const FILTER_FIELDS: readonly string[] = [
  ...filterFieldData.fields,
  ...EXTRA_FILTER_FIELDS.map((extra) => extra.field),
].sort();

/**
 * The fields the CreateFilter API reference documents as "Timestamp in Unix Epoch millisecond format" (generated).
 */
export const TIMESTAMP_FIELDS: readonly string[] = filterFieldData.timestampFields;

/**
 * The other fields that are numbers (integer, long or double) in the finding format: generated from the member
 * types of the SDK's `Finding` schema.
 */
export const NUMBER_FIELDS: readonly string[] = filterFieldData.numberFields;

const FIELD_SET: ReadonlySet<string> = new Set(FILTER_FIELDS);
const TIMESTAMP_SET: ReadonlySet<string> = new Set(TIMESTAMP_FIELDS);
const NUMERIC_SET: ReadonlySet<string> = new Set([...TIMESTAMP_FIELDS, ...NUMBER_FIELDS]);

/** Whether GuardDuty documents the field for filters. */
export function isFilterField(field: string): boolean {
  return FIELD_SET.has(field);
}

/** Whether numeric operators apply to the field: a number or an epoch-milliseconds timestamp. */
export function isNumericField(field: string): boolean {
  return NUMERIC_SET.has(field);
}

/** Whether the field is a timestamp that GuardDuty compares as Unix epoch milliseconds. */
export function isTimestampField(field: string): boolean {
  return TIMESTAMP_SET.has(field);
}

/** The Levenshtein distance: how many single-character insertions, deletions or substitutions turn a into b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The documented fields closest to an unknown one, best first, at most three: the same field in another case; else
 * the fields within a small edit distance (`severty` -> `severity`); else the fields that end with it
 * (`instanceId` -> `resource.instanceDetails.instanceId`). Empty when nothing is close.
 */
export function suggestFilterFields(input: string): string[] {
  const lower = input.toLowerCase();
  const sameButCase = FILTER_FIELDS.find((f) => f.toLowerCase() === lower);
  if (sameButCase !== undefined) return [sameButCase];
  let best = Number.POSITIVE_INFINITY;
  let closest: string[] = [];
  for (const candidate of FILTER_FIELDS) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < best) {
      best = distance;
      closest = [candidate];
    } else if (distance === best) {
      closest.push(candidate);
    }
  }
  if (best <= Math.max(2, Math.floor(input.length / 4))) return closest.slice(0, 3);
  return FILTER_FIELDS.filter((f) => f.toLowerCase().endsWith(`.${lower}`)).slice(0, 3);
}
