import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../guardduty.config.schema.json';
import { headingsOf, slugOf, withToc } from '../../scripts/readme-toc.mjs';

const ROOT = path.join(__dirname, '..', '..');
// The JSON module's inferred type is a union of the channel branches, which TypeScript cannot compare with SchemaNode.
const SCHEMA = schema as unknown as SchemaNode;

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  oneOf?: SchemaNode[];
}

/** The properties of a schema and of its oneOf branches: a channel's fields are those of every channel type. */
const propertiesOf = (node: SchemaNode): [string, SchemaNode][] => [
  ...Object.entries(node.properties ?? {}),
  ...(node.oneOf ?? []).flatMap(propertiesOf),
];

/**
 * Every field of the configuration file, with dotted names for nested ones: `alerts.minimumSeverity`,
 * `alerts.routes[].severity.minimum` inside lists, `alerts.channels.<name>.type` inside maps.
 */
function fieldsOf(node: SchemaNode, prefix = ''): string[] {
  const nested = (child: SchemaNode, path: string): string[] => [
    ...fieldsOf(child, `${path}.`),
    ...(child.items ? fieldsOf(child.items, `${path}[].`) : []),
    ...(typeof child.additionalProperties === 'object' && propertiesOf(child.additionalProperties).length > 0
      ? fieldsOf(child.additionalProperties, `${path}.<${path.endsWith('criteria') ? 'field' : 'name'}>.`)
      : []),
  ];
  return [
    ...new Set(
      propertiesOf(node).flatMap(([name, child]) => [
        `${prefix}${name}`,
        ...nested(child, `${prefix}${name}`),
      ]),
    ),
  ];
}

it('finds the fields of every channel type, below the oneOf of alerts.channels', () => {
  const channelFields = fieldsOf(SCHEMA)
    .filter((f) => f.startsWith('alerts.channels.<name>.'))
    .map((f) => f.slice('alerts.channels.<name>.'.length));
  expect(channelFields.sort()).toEqual(
    [
      'type',
      'addresses',
      'language',
      'slackWorkspaceId',
      'slackChannelId',
      'teamId',
      'teamsChannelId',
      'tenantId',
      'format',
      'endpointSecretArn',
      'endpointSecretName',
      'endpointSecretField',
      'rateLimitPerSecond',
      'topicArn',
    ].sort(),
  );
});

describe.each(['README.md', 'README.ja.md'])('%s', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');

  it('shows the two Quick start commands', () => {
    expect(text).toContain('npm ci && npx cdk synth');
    expect(text).toContain('npm test');
  });

  it('has a Default settings section', () => {
    expect(text).toMatch(/^#+ .*(Default settings|デフォルト設定)/m);
  });

  it.each(fieldsOf(SCHEMA))('documents the configuration field %s', (field) => {
    expect(text).toContain(`\`${field}\``);
  });
});

describe('tables of contents', () => {
  const readmes = ['README.md', 'README.ja.md'].map((file) => ({
    file,
    text: fs.readFileSync(path.join(ROOT, file), 'utf8'),
  }));

  it.each(readmes)('$file has an up-to-date table of contents (node scripts/readme-toc.mjs)', ({ text }) => {
    expect(text).toContain('<!-- toc -->');
    expect(withToc(text)).toBe(text);
  });

  it('both READMEs have the same sections, in step', () => {
    const [en, ja] = readmes.map(({ text }) => headingsOf(text).map((h) => h.level));
    expect(ja).toEqual(en);
  });

  it('slugs headings as GitHub does', () => {
    expect(slugOf('Importing a detector with `cdk import`')).toBe('importing-a-detector-with-cdk-import');
    expect(slugOf('From 0.1 to 0.2')).toBe('from-01-to-02');
    expect(slugOf('複数リージョンと AWS Organizations')).toBe('複数リージョンと-aws-organizations');
  });
});
