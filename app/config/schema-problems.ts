/**
 * The configuration file against its JSON schema, `guardduty.config.schema.json`: each schema error as one sentence
 * that names the field, the value as written and the fix (the schema's `x-fix`).
 */
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../guardduty.config.schema.json';
import { AlertTopic, ThreatDetectionErrors } from 'cdk-guardduty-threat-detection';
import type { AppConfig } from './app-config';

// `discriminator`: a channel is checked against the branch of its `type` only, so that each problem is reported once.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, discriminator: true });
ajv.addKeyword({ keyword: 'x-fix', schemaType: 'string' });
ajv.addFormat('email', (address: string) => AlertTopic.isEmailAddress(address));
const show = (value: unknown) => ThreatDetectionErrors.showValue(value);
const validate = ajv.compile<AppConfig>(schema);

/** The keywords of a schema node that messages read. */
interface SchemaNode {
  readonly title?: string;
  readonly 'x-fix'?: string;
  readonly enum?: unknown[];
  readonly const?: unknown;
  readonly properties?: Record<string, SchemaNode>;
  readonly oneOf?: SchemaNode[];
}

/** `/alerts/minimumSeverity` as `alerts.minimumSeverity`; `/alerts/notificationEmails/0` as `alerts.notificationEmails[0]`. */
function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (child !== undefined) parts.push(child);
  return (
    parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') ||
    '(top level)'
  );
}

const choices = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** `field` is not one of `allowed`; when only the letter case is wrong ("high" for "HIGH"), say so. */
function notOneOf(field: string, value: string, data: unknown, allowed: unknown[]): string {
  const sameLetters = allowed.find(
    (v) => typeof v === 'string' && typeof data === 'string' && v.toLowerCase() === data.toLowerCase(),
  );
  const caseHint =
    sameLetters === undefined ? '' : ` The values are case-sensitive: write ${show(sameLetters)}.`;
  return `${field} is ${value}; use one of ${choices(allowed)}.${caseHint}`;
}

/**
 * What needs a missing field: the object's `title` ("a route", "a slack channel"), or else the object's field name.
 * Titles are written so that "a <title in lower case>" reads well, and name the generated TypeScript types.
 */
function neededBy(parent: SchemaNode, instancePath: string): string {
  return parent.title ? withArticle(parent.title.toLowerCase()) : fieldName(instancePath);
}

/** How to give a missing field: its `x-fix`, else its allowed values. */
function missingFix(property: SchemaNode | undefined): string {
  if (property?.['x-fix']) return property['x-fix'];
  const allowed = property?.enum ?? (property && 'const' in property ? [property.const] : undefined);
  return allowed ? `Set it to one of ${choices(allowed)}.` : 'Add it.';
}

/**
 * The tag of a branch of a discriminated `oneOf` (a channel of one type): the property whose value selects the
 * branch, such as `type`. Undefined for a schema that is not such a branch.
 */
function branchTag(error: ErrorObject): string | undefined {
  if (!/\/oneOf\/\d+\/[^/]+$/.test(error.schemaPath)) return undefined;
  const properties = (error.parentSchema as SchemaNode | undefined)?.properties ?? {};
  return Object.keys(properties).find((k) => 'const' in properties[k]);
}

/**
 * One schema error as a sentence. `written` maps the instance path of a number JSON reads as infinite (`1e999`) to
 * its text in the file, so that the message shows what the user wrote, not `null` or `Infinity`.
 */
function describe(error: ErrorObject, written: ReadonlyMap<string, string> = new Map()): string {
  const field = fieldName(error.instancePath);
  const value = written.get(error.instancePath) ?? show(error.data);
  const fix = (error.parentSchema as { 'x-fix'?: string } | undefined)?.['x-fix'];
  const withFix = (text: string) => (fix ? `${text} ${fix}` : text);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = (error.params as { additionalProperty: string }).additionalProperty;
      const parent = error.parentSchema as SchemaNode;
      const tag = branchTag(error);
      if (tag !== undefined && parent.title) {
        return `${fieldName(error.instancePath, name)} does not apply to ${withArticle(parent.title.toLowerCase())}. Remove it, or change the ${tag}.`;
      }
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).filter(
        (k) => k !== '$schema',
      );
      return `${fieldName(error.instancePath, name)} is not a known field. Remove it or correct its spelling; the known fields here are: ${known.join(', ')}.`;
    }
    case 'type': {
      const type = (error.params as { type: string }).type;
      const hint =
        type === 'boolean'
          ? 'Write true or false, without quotes.'
          : `Write ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} value.`;
      if (typeof error.data === 'number' && !Number.isFinite(error.data)) {
        return `${field} is ${value}, which is not a finite number: JSON reads a number this large as infinity. ${fix ?? hint}`;
      }
      return `${field} is ${value}, but must be of type ${type}. ${fix ?? hint}`;
    }
    case 'enum':
      return notOneOf(field, value, error.data, (error.params as { allowedValues: unknown[] }).allowedValues);
    case 'required': {
      const name = (error.params as { missingProperty: string }).missingProperty;
      const parent = error.parentSchema as SchemaNode;
      return `${fieldName(error.instancePath, name)} is missing: ${neededBy(parent, error.instancePath)} needs it. ${missingFix(parent.properties?.[name])}`;
    }
    case 'discriminator': {
      // The tag (a channel's type) is missing, not a string, or names no branch.
      const { tag, tagValue } = error.params as { tag: string; tagValue?: unknown };
      const parent = error.parentSchema as SchemaNode;
      const allowed = (parent.oneOf ?? []).map((branch) => branch.properties?.[tag]?.const);
      const tagField = fieldName(error.instancePath, tag);
      if (tagValue === undefined) {
        return `${tagField} is missing: ${neededBy(parent, error.instancePath)} needs it. Set it to one of ${choices(allowed)}.`;
      }
      const tagPath = `${error.instancePath}/${tag}`;
      return notOneOf(tagField, written.get(tagPath) ?? show(tagValue), tagValue, allowed);
    }
    case 'format':
      return withFix(
        `${field} is ${value}, which is not a valid ${(error.params as { format: string }).format}.`,
      );
    case 'propertyNames':
      return withFix(
        `${field} has the key ${show((error.params as { propertyName: string }).propertyName)}, which is not allowed.`,
      );
    default:
      return withFix(`${field} is ${value}: it ${error.message}.`);
  }
}

/**
 * The schema's problems with `data`, each once. `written` gives the text in the file of numbers JSON read as infinite.
 */
export function schemaProblems(data: unknown, written: ReadonlyMap<string, string> = new Map()): string[] {
  if (validate(data)) return [];
  // A failed propertyNames check reports twice: once for the key (with propertyName set), once for the object.
  return [
    ...new Set(
      (validate.errors ?? []).filter((e) => e.propertyName === undefined).map((e) => describe(e, written)),
    ),
  ];
}

/** `an email channel`, `a slack channel`: the article a noun phrase takes, by its first letter. */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
