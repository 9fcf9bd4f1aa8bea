import { describe, expect, it } from 'vitest';
import { closestContextKey, unknownContextKeyWarnings } from '../../app/config/context-keys';

describe('context keys given with -c', () => {
  it.each([
    ['notificationEmail', 'notificationEmails'],
    ['notificationemails', 'notificationEmails'],
    ['confg', 'config'],
    ['Config', 'config'],
  ])('suggests for %s the key %s', (key, closest) => {
    expect(closestContextKey(key)).toBe(closest);
  });

  it('warns about a key the app would ignore, naming the closest known key', () => {
    expect(unknownContextKeyWarnings(['confg'])).toEqual([
      'Warning: the context key "confg" (-c confg=...) is not read by this app and is ignored. Did you mean config? The app reads: config, notificationEmails.',
    ]);
  });

  it("does not warn about the app's keys nor CDK's own keys, feature flags and cached lookups", () => {
    expect(
      unknownContextKeyWarnings([
        'config',
        'notificationEmails',
        '@aws-cdk/aws-s3:createDefaultLoggingPolicy',
        'aws:cdk:enable-path-metadata',
        'cdk-toolkit-option',
        'availability-zones:account=111122223333:region=us-east-1',
        'acknowledged-issue-numbers',
      ]),
    ).toEqual([]);
  });
});
