/** The `-c NAME=VALUE` context keys the app reads (bin/app.ts). */
export const KNOWN_CONTEXT_KEYS = ['config', 'notificationEmails'] as const;

/**
 * Whether a context key could be a user's `-c` option. CDK's own keys and feature flags (`@aws-cdk/...`,
 * `aws:cdk:...`, `cdk-...`) and cached lookups (`availability-zones:account=...`) are never mistakes.
 */
function isCandidate(key: string): boolean {
  return (
    !key.includes(':') &&
    !key.startsWith('@') &&
    !key.startsWith('aws:') &&
    !key.startsWith('cdk') &&
    !CDK_KEYS_WITHOUT_PREFIX.includes(key)
  );
}

/** CDK keys without a prefix: `cdk acknowledge` saves acknowledged notices in cdk.context.json under this one. */
const CDK_KEYS_WITHOUT_PREFIX = ['acknowledged-issue-numbers'];

/** The edit distance of two strings (insertions, deletions, substitutions), ignoring case. */
function distance(a: string, b: string): number {
  const [s, t] = [a.toLowerCase(), b.toLowerCase()];
  let row = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const next = [i];
    for (let j = 1; j <= t.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[t.length];
}

/** The known context key closest to `key`. */
export function closestContextKey(key: string): string {
  return [...KNOWN_CONTEXT_KEYS].sort((a, b) => distance(key, a) - distance(key, b))[0];
}

/**
 * One warning for each context key the app would ignore, naming the closest known key: `-c notificationEmail=...`
 * does nothing, so say so instead of deploying without the addresses. Keys CDK sets itself are left alone.
 */
export function unknownContextKeyWarnings(keys: readonly string[]): string[] {
  return keys
    .filter((k) => isCandidate(k) && !(KNOWN_CONTEXT_KEYS as readonly string[]).includes(k))
    .map(
      (k) =>
        `Warning: the context key ${JSON.stringify(k)} (-c ${k}=...) is not read by this app and is ignored. Did you mean ${closestContextKey(k)}? The app reads: ${KNOWN_CONTEXT_KEYS.join(', ')}.`,
    );
}
