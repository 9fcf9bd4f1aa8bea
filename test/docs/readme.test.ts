import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../guardduty.config.schema.json';
import {
  anchorsOf,
  docsPages,
  headingsOf,
  linksOf,
  pagesWithToc,
  slugOf,
  withToc,
} from '../../scripts/readme-toc.mjs';

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

  it.each(pagesWithToc().filter((f) => f.startsWith('docs/')))(
    '%s has an up-to-date table of contents (node scripts/readme-toc.mjs)',
    (file) => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect(withToc(text)).toBe(text);
    },
  );

  it('slugs headings as GitHub does', () => {
    expect(slugOf('Importing a detector with `cdk import`')).toBe('importing-a-detector-with-cdk-import');
    expect(slugOf('From 0.1 to 0.2')).toBe('from-01-to-02');
    expect(slugOf('複数リージョンと AWS Organizations')).toBe('複数リージョンと-aws-organizations');
  });
});

/** The reference pages under docs/ (the ADRs are English only), English ones first, each with its Japanese page. */
const REFERENCE_PAGES = docsPages().filter((f) => !f.startsWith('docs/adr/'));
const ENGLISH_PAGES = REFERENCE_PAGES.filter((f) => !f.startsWith('docs/ja/'));
const japanesePageOf = (file: string) => file.replace(/^docs\//, 'docs/ja/');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('reference pages under docs/', () => {
  it('exist in both languages', () => {
    expect(ENGLISH_PAGES.length).toBeGreaterThan(0);
    expect(REFERENCE_PAGES.filter((f) => f.startsWith('docs/ja/')).sort()).toEqual(
      ENGLISH_PAGES.map(japanesePageOf).sort(),
    );
  });

  it.each(ENGLISH_PAGES)('%s and its Japanese page have the same sections, in step', (file) => {
    const [en, ja] = [file, japanesePageOf(file)].map((f) => anchorsOf(read(f)).map((h) => h.level));
    expect(en.length).toBeGreaterThan(0);
    expect(ja).toEqual(en);
  });

  it.each(ENGLISH_PAGES)('%s is linked from README.md, and its Japanese page from README.ja.md', (file) => {
    expect(linksOf(read('README.md'))).toContain(file);
    expect(linksOf(read('README.ja.md'))).toContain(japanesePageOf(file));
  });
});

describe('links', () => {
  const pages = ['README.md', 'README.ja.md', ...docsPages()];
  const anchorsIn = new Map<string, Set<string>>();
  const anchorsOfFile = (file: string) => {
    if (!anchorsIn.has(file)) anchorsIn.set(file, new Set(anchorsOf(read(file)).map((h) => h.anchor)));
    return anchorsIn.get(file)!;
  };

  /** The relative links of a page that lead nowhere: a missing file, or an anchor that is not a heading there. */
  const brokenLinksOf = (file: string, text = read(file)): string[] =>
    linksOf(text)
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
      .filter((target) => {
        const [link, anchor] = target.split('#', 2);
        const resolved =
          link === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), link));
        if (link !== '' && !fs.existsSync(path.join(ROOT, resolved))) return true;
        if (anchor === undefined) return false;
        if (!resolved.endsWith('.md')) return true;
        const anchors = link === '' ? new Set(anchorsOf(text).map((h) => h.anchor)) : anchorsOfFile(resolved);
        return !anchors.has(decodeURIComponent(anchor));
      });

  it('finds the links of a page, and not those in code', () => {
    expect(linksOf('[a](#x) `[b](#y)`\n\n```md\n[c](#z)\n```\n![d](e.png) [`f`](g.md#h)')).toEqual([
      '#x',
      'e.png',
      'g.md#h',
    ]);
  });

  it('finds broken links', () => {
    const text = [
      '## A heading',
      '[ok](#a-heading) [ok](../../README.md#default-settings) [ok](../adr/) [ok](https://example.com/#x)',
      '[x](#no-such-heading) [y](no-such-file.md) [z](../../README.md#no-such-heading) [w](../../LICENSE#x)',
    ].join('\n');
    expect(brokenLinksOf('docs/reference/page.md', text)).toEqual([
      '#no-such-heading',
      'no-such-file.md',
      '../../README.md#no-such-heading',
      '../../LICENSE#x',
    ]);
  });

  it.each(pages)('%s has no broken relative link or anchor', (file) => {
    if (!file.startsWith('docs/adr/')) expect(linksOf(read(file)).length).toBeGreaterThan(0);
    expect(brokenLinksOf(file)).toEqual([]);
  });
});
