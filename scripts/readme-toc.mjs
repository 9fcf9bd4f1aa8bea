// Writes the table of contents of README.md, README.ja.md and of every page under docs/ that has the markers, between
// the `<!-- toc -->` and `<!-- /toc -->` markers: one link per `##` heading (and per `###` heading, indented), with
// GitHub's anchor rules. test/docs/readme.test.ts fails when a table of contents is out of date, and checks every
// relative link and #anchor of these files with linksOf and anchorsOf. Usage: node scripts/readme-toc.mjs [--check]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- toc -->';
const END = '<!-- /toc -->';
const FENCE = /^\s*(```|~~~)/;

/** GitHub's heading anchor: lower case, punctuation removed (letters of any script kept), spaces to hyphens. */
export function slugOf(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every heading outside code fences, with its anchor numbered as GitHub numbers repeated ones. */
export function anchorsOf(markdown) {
  const seen = new Map();
  const headings = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    const m = !fenced && /^(#{1,6}) (.+?)\s*$/.exec(line);
    if (!m) continue;
    const base = slugOf(m[2]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    headings.push({ level: m[1].length, text: m[2], anchor: n === 0 ? base : `${base}-${n}` });
  }
  return headings;
}

/** The `##` and `###` headings outside code fences, with anchors numbered as GitHub numbers repeated ones. */
export function headingsOf(markdown) {
  return anchorsOf(markdown).filter((h) => h.level === 2 || h.level === 3);
}

/**
 * The targets of the inline links and images (`[text](target)`, `![alt](target)`) outside code fences and code
 * spans, in order.
 */
export function linksOf(markdown) {
  const targets = [];
  const scan = (text) => {
    for (const m of text.matchAll(/(`+)[\s\S]*?\1|\]\(([^)\s]+)\)/g)) if (!m[1]) targets.push(m[2]);
  };
  let fenced = false;
  let prose = [];
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) {
      if (!fenced) scan(prose.join('\n'));
      prose = [];
      fenced = !fenced;
    } else if (!fenced) prose.push(line);
  }
  scan(prose.join('\n'));
  return targets;
}

/** The page with its table of contents regenerated. */
export function withToc(markdown) {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the page has no ${START} ... ${END} markers`);
  const toc = headingsOf(markdown)
    .filter((h) => markdown.indexOf(`${'#'.repeat(h.level)} ${h.text}`) > end)
    .map((h) => `${h.level === 3 ? '  ' : ''}- [${h.text}](#${h.anchor})`)
    .join('\n');
  return `${markdown.slice(0, start)}${START}\n\n${toc}\n\n${markdown.slice(end)}`;
}

/** The Markdown files under docs/ (ADRs included), relative to the repository root, with `/` separators. */
export function docsPages(dir = path.join(root, 'docs')) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? docsPages(path.join(dir, e.name))
        : e.name.endsWith('.md')
          ? [path.join(dir, e.name)]
          : [],
    )
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .sort();
}

/** The files with a table of contents: both READMEs, and every page under docs/ that has the markers. */
export function pagesWithToc() {
  return [
    'README.md',
    'README.ja.md',
    ...docsPages().filter((f) => fs.readFileSync(path.join(root, f), 'utf8').includes(START)),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const file of pagesWithToc()) {
    const full = path.join(root, file);
    const text = fs.readFileSync(full, 'utf8');
    const next = withToc(text);
    if (next === text) continue;
    stale = true;
    if (check)
      console.error(`${file}: the table of contents is out of date; run node scripts/readme-toc.mjs`);
    else fs.writeFileSync(full, next);
  }
  process.exit(check && stale ? 1 : 0);
}
