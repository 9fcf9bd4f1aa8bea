import { ConfigError, parseConfig } from '../../app/config/load-config';

/** The problems the app's configuration check reports for `data`, as `test.json`; empty when it accepts it. */
export function configProblems(data: unknown): string[] {
  try {
    parseConfig(data, 'test.json');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
