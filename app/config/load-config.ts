import * as fs from 'node:fs';
import * as path from 'node:path';
import { ThreatDetectionErrors } from 'cdk-guardduty-threat-detection';
import type { AppConfig } from './app-config';
import { fileRuleProblems } from './file-rules';
import { libraryRuleProblems } from './library-rules';
import { schemaProblems } from './schema-problems';

/** A configuration the app cannot use. The message lists every problem, each with its field and its fix. */
export class ConfigError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: string[],
  ) {
    super(`${source} is not a valid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const show = (value: unknown) => ThreatDetectionErrors.showValue(value);

/**
 * Checks a parsed configuration; returns it typed, or throws a {@link ConfigError} that lists every problem, each
 * once. Three kinds of rules, each written once:
 * 1. the schema (`guardduty.config.schema.json`): the shape, types, ranges and patterns of every field;
 * 2. the rules that exist only in the file (`file-rules.ts`): Regions, `env`, organization mode, channel references;
 * 3. the constructs' own rules (`library-rules.ts`), on the props the app would build, once 1 and 2 hold.
 *
 * `written` gives the text in the file of numbers JSON read as infinite (see {@link infiniteNumbersAsWritten}).
 */
export function parseConfig(
  data: unknown,
  source = 'configuration',
  written: ReadonlyMap<string, string> = new Map(),
): AppConfig {
  const problems = schemaProblems(data, written);
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  if (isObject) problems.push(...fileRuleProblems(data as Record<string, unknown>));
  if (isObject && problems.length === 0) problems.push(...libraryRuleProblems(data as AppConfig));
  if (problems.length > 0) throw new ConfigError(source, [...new Set(problems)]);
  return data as AppConfig;
}

/** Overrides given on the command line with `-c NAME=VALUE`. */
export interface ContextOverrides {
  /** `-c notificationEmails=a@example.com,b@example.com`: replaces alerts.notificationEmails. */
  readonly notificationEmails?: string;
}

/** Reads, checks and returns a configuration file, with command-line overrides applied. */
export function loadConfig(file: string, overrides: ContextOverrides = {}): AppConfig {
  const source = path.relative(process.cwd(), path.resolve(file)) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(source, [
      `the file cannot be read. Check the path given with -c config=PATH (relative to ${process.cwd()}).`,
    ]);
  }
  // Editors on Windows may start a UTF-8 file with a byte-order mark, which JSON.parse refuses.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(source, [`the file is not valid JSON: ${(e as Error).message}.`]);
  }
  if (overrides.notificationEmails !== undefined && typeof data === 'object' && data !== null) {
    const emails = overrides.notificationEmails
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    // `-c notificationEmails=` (nothing after =) would silently remove every subscription.
    if (emails.length === 0) {
      throw new ConfigError(source, [
        `-c notificationEmails is ${show(overrides.notificationEmails)}, which names no address. Give addresses separated by commas (-c notificationEmails=a@example.com,b@example.com), or drop the option to keep alerts.notificationEmails from the file.`,
      ]);
    }
    const record = data as Record<string, unknown>;
    record.alerts = { ...(record.alerts as object | undefined), notificationEmails: emails };
  }
  return parseConfig(data, source, infiniteNumbersAsWritten(text, data));
}

/**
 * The numbers of a JSON text that JSON.parse reads as infinite (`1e999`), by instance path (`/alerts/minimumSeverity`),
 * as written in the text. Numbers are matched to paths in document order; when they cannot be (a duplicate key),
 * the map is empty and messages show `Infinity`.
 */
export function infiniteNumbersAsWritten(text: string, data: unknown): Map<string, string> {
  const written: string[] = [];
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (/[-\d]/.test(text[i])) {
      number.lastIndex = i;
      const token = number.exec(text)?.[0] ?? text[i];
      if (!Number.isFinite(Number(token))) written.push(token);
      i += token.length - 1;
    }
  }
  const paths: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'number' && !Number.isFinite(value)) paths.push(at);
    else if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value)) walk(child, `${at}/${key}`);
  };
  walk(data, '');
  return new Map(paths.length === written.length ? paths.map((p, i) => [p, written[i]]) : []);
}
