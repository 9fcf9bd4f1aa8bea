// One rule, one function: the app reports the constructs' rules through the constructs' own function, and the
// sentence is the library's, with only the field names of the file.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_FIELD_NAMES } from '../../app/config/library-rules';
import { configProblems } from '../helpers/config-problems';
import {
  EmailChannel,
  GuardDutyThreatDetection,
  type GuardDutyThreatDetectionProps,
  ThreatDetectionErrors,
} from '../../packages/construct-library/src/index';

const appProblems = configProblems;

function libraryError(props: GuardDutyThreatDetectionProps): unknown {
  try {
    new GuardDutyThreatDetection(new Stack(undefined, 'Lib'), 'ThreatDetection', props);
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The app's sentence with the file's names put back to the props' names, longest name first. */
function withPropNames(problem: string): string {
  const names = Object.entries(CONFIG_FIELD_NAMES).sort(([, a], [, b]) => b.length - a.length);
  return names.reduce((text, [prop, file]) => text.split(file).join(prop), problem);
}

const rule = (i: number) => ({ name: `rule-${i}`, criteria: { type: { equals: [`Recon:EC2/Type${i}`] } } });

const cases: [string, unknown, GuardDutyThreatDetectionProps][] = [
  [
    'a transition after the expiration',
    { findingsArchive: { expirationDays: 90, transitionToColderStorageAfterDays: 120 } },
    { archive: { expiration: Duration.days(90), transitionToColderStorageAfter: Duration.days(120) } },
  ],
  [
    'auto-delete without DESTROY',
    { findingsArchive: { autoDeleteObjects: true, removalPolicy: 'RETAIN' } },
    { archive: { autoDeleteObjects: true, removalPolicy: RemovalPolicy.RETAIN } },
  ],
  [
    'plans next to an existing detector',
    { existingDetectorId: '12abc34d567e8fa901bc2d34e0a1b2c3', protectionPlans: { s3DataEvents: true } },
    { existingDetectorId: '12abc34d567e8fa901bc2d34e0a1b2c3', protectionPlans: { s3DataEvents: true } },
  ],
  [
    'an adopted-detector switch without adoption',
    { manageAdoptedDetectorSettings: true },
    { manageAdoptedDetectorSettings: true },
  ],
  [
    'both Runtime Monitoring features',
    { protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: false } },
    { protectionPlans: { runtimeMonitoring: true, eksRuntimeMonitoring: false } },
  ],
  [
    'routes next to the default-route fields',
    {
      alerts: {
        notificationEmails: ['soc@example.com'],
        channels: { soc: { type: 'email' } },
        routes: [{ name: 'soc', channels: ['soc'] }],
      },
    },
    {
      notificationEmails: ['soc@example.com'],
      routes: [{ name: 'soc', channels: [new EmailChannel({ name: 'soc' })] }],
    },
  ],
  [
    'a route finding type that is no type',
    {
      alerts: {
        channels: { soc: { type: 'email' } },
        routes: [{ name: 'soc', channels: ['soc'], findingTypes: ['*'] }],
      },
    },
    { routes: [{ name: 'soc', channels: [new EmailChannel({ name: 'soc' })], findingTypes: ['*'] }] },
  ],
  [
    '101 suppression rules',
    { suppressionRules: Array.from({ length: 101 }, (_, i) => rule(i)) },
    {
      suppressionRules: Array.from({ length: 101 }, (_, i) => ({
        name: `rule-${i}`,
        criteria: [{ field: 'type', equalTo: [`Recon:EC2/Type${i}`] }],
      })),
    },
  ],
  [
    'a suppression rule description GuardDuty refuses',
    { suppressionRules: [{ ...rule(1), description: 'Scanner #1!' }] },
    {
      suppressionRules: [
        {
          name: 'rule-1',
          description: 'Scanner #1!',
          criteria: [{ field: 'type', equalTo: ['Recon:EC2/Type1'] }],
        },
      ],
    },
  ],
];

describe('a rule that both the app and the library check', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(cases)(
    '%s: the app reports what GuardDutyThreatDetection.validateProps returns',
    (_name, config) => {
      const validateProps = vi.spyOn(GuardDutyThreatDetection, 'validateProps');
      const problems = appProblems(config);
      expect(validateProps).toHaveBeenCalledTimes(1);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems).toEqual(validateProps.mock.results[0].value);
    },
  );

  it.each(cases)(
    '%s: the same sentence as the construct, with the names of the file',
    (_name, config, props) => {
      const error = libraryError(props);
      expect(ThreatDetectionErrors.isValidationError(error)).toBe(true);
      expect(ThreatDetectionErrors.constructPathOf(error)).toBe('Lib/ThreatDetection');
      expect(appProblems(config).map(withPropNames)).toEqual(ThreatDetectionErrors.problemsOf(error));
    },
  );
});
