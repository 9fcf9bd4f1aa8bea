// Each plan's default exists once, in FEATURE_TABLE (enabledByDefault); its JSDoc `@default`, which the API reference
// and users read, must say the same.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_TABLE } from '../../packages/construct-library/src/detector/protection-plans';

const ROOT = path.join(__dirname, '..', '..');
const source = fs.readFileSync(
  path.join(ROOT, 'packages', 'construct-library', 'src', 'detector', 'protection-plans.ts'),
  'utf8',
);

/** The `@default` line of a ProtectionPlans field, from the source's JSDoc. */
function jsdocDefault(field: string): string | undefined {
  const match = new RegExp(
    `@default ([^\\n]*)\\n(?:\\s*\\*[^\\n]*\\n)*?\\s*\\*/\\s*readonly ${field}\\?`,
  ).exec(source);
  return match?.[1].trim();
}

describe('the default of each protection plan', () => {
  it.each(FEATURE_TABLE.filter((row) => row.plan !== 'eksRuntimeMonitoring').map((row) => [row.plan, row]))(
    '%s: the JSDoc @default is the table’s enabledByDefault',
    (plan, row) => {
      const stated = jsdocDefault(plan);
      expect(stated, `no @default found for ${plan}`).toBeDefined();
      expect(stated!.split(/\s/)[0]).toBe(String(row.enabledByDefault));
    },
  );

  it('finds the @default of every field (a control: a field without one is reported)', () => {
    expect(jsdocDefault('s3DataEvents')).toBe('true');
    expect(jsdocDefault('noSuchPlan')).toBeUndefined();
  });
});
