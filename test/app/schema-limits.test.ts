// The schema's limits on the alert fields are EventBridge's, which the library owns as named constants: the schema
// must say the same, so that a change of one fails here instead of letting the two disagree.
import { describe, expect, it } from 'vitest';
import schema from '../../guardduty.config.schema.json';
import { FindingAlerts, FindingsArchive } from '../../packages/construct-library/src/index';

type Node = { minimum?: number; maximum?: number; 'x-fix'?: string; properties?: Record<string, Node> };
const alerts = (schema.properties.alerts as Node).properties!;
const archive = (schema.properties.findingsArchive as Node).properties!;

describe('the schema and the library constants', () => {
  it('retryAttempts: 0 to FindingAlerts.DEFAULT_RETRY_ATTEMPTS, the most EventBridge allows', () => {
    expect(alerts.retryAttempts.minimum).toBe(0);
    expect(alerts.retryAttempts.maximum).toBe(FindingAlerts.DEFAULT_RETRY_ATTEMPTS);
    expect(alerts.retryAttempts['x-fix']).toContain(String(FindingAlerts.DEFAULT_RETRY_ATTEMPTS));
  });

  it('maxEventAgeHours: at least a minute, at most FindingAlerts.DEFAULT_MAX_EVENT_AGE', () => {
    expect(alerts.maxEventAgeHours.maximum).toBe(FindingAlerts.DEFAULT_MAX_EVENT_AGE.toHours());
    // The app rounds hours to whole minutes; the smallest value must still be a minute or more.
    expect(Math.round(alerts.maxEventAgeHours.minimum! * 60)).toBeGreaterThanOrEqual(1);
  });

  it('expirationDays: the x-fix states FindingsArchive.DEFAULT_EXPIRATION', () => {
    expect(archive.expirationDays['x-fix']).toContain(`${FindingsArchive.DEFAULT_EXPIRATION.toDays()} keeps`);
  });
});
