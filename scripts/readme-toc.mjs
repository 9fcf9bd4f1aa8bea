// Writes the table of contents of README.md and README.ja.md between the `<!-- toc -->` and `<!-- /toc -->` markers:
// one link per `##` heading (and per `###` heading, indented), with GitHub's anchor rules. test/docs/readme.test.ts
// fails when a README's table of contents is out of date. Usage: node scripts/readme-toc.mjs [--check]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- toc -->';
const END = '<!-- /toc -->';

/** GitHub's heading anchor: lower case, punctuation removed (letters of any script kept), spaces to hyphens. */
export function slugOf(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The `##` and `###` headings outside code fences, with anchors numbered as GitHub numbers repeated ones. */
export function headingsOf(markdown) {
  const seen = new Map();
  const headings = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && /^(#{1,6}) (.+?)\s*$/.exec(line);
    if (!m) continue;
    const base = slugOf(m[2]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const level = m[1].length;
    if (level === 2 || level === 3)
      headings.push({ level, text: m[2], anchor: n === 0 ? base : `${base}-${n}` });
  }
  return headings;
}

/** The README with its table of contents regenerated. */
export function withToc(markdown) {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the README has no ${START} ... ${END} markers`);
  const toc = headingsOf(markdown)
    .filter((h) => markdown.indexOf(`${'#'.repeat(h.level)} ${h.text}`) > end)
    .map((h) => `${h.level === 3 ? '  ' : ''}- [${h.text}](#${h.anchor})`)
    .join('\n');
  return `${markdown.slice(0, start)}${START}\n\n${toc}\n\n${markdown.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const file of ['README.md', 'README.ja.md']) {
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
