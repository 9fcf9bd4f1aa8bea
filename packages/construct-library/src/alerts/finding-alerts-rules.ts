// The rules of FindingAlerts' props, and the default route: pure functions, shared by the construct and the app's
// configuration check, so that one rule gives one message in both.
import { Duration, Token } from 'aws-cdk-lib';
import { fieldPathOf, show } from '../private/validation-error';
import type { FieldPath } from '../validation/field-path';
import { AlertRoute, routeProblems } from './alert-route';
import type { IAlertChannel } from './channels/alert-channel';
import { EmailChannel } from './channels/email-channel';
import type { FindingAlertsProps } from './finding-alerts';
import { FindingSeverity, SeverityRange } from './severity';

/**
 * The most retries EventBridge allows for a target, and the default: a finding is retried for as long as EventBridge
 * allows before it goes to the dead-letter queue (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html).
 */
export const MAX_RETRY_ATTEMPTS = 185;

/** The longest EventBridge keeps retrying an event, and the default (`MaximumEventAgeInSeconds`, 60 to 86,400). */
export const MAX_EVENT_AGE = Duration.hours(24);

/** The shortest retry window EventBridge accepts. */
export const MIN_EVENT_AGE = Duration.minutes(1);

/** The severity the default route starts at: High (7.0), so High and Critical findings are delivered. */
export const DEFAULT_MINIMUM_SEVERITY = FindingSeverity.HIGH;

const CHANNEL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The routes of the props: as given, or the default route of `minimumSeverity` and above to `emailAddresses`. */
export function routesOf(props: FindingAlertsProps): AlertRoute[] {
  if (props.routes !== undefined) return props.routes;
  return [
    {
      name: 'default',
      severity: SeverityRange.atLeast(props.minimumSeverity ?? DEFAULT_MINIMUM_SEVERITY),
      channels: [
        new EmailChannel({ name: 'email', addresses: props.emailAddresses, language: props.language }),
      ],
    },
  ];
}

/**
 * Every problem of FindingAlerts' props, each naming the field, the value and the fix; empty when they are fine.
 *
 * @param path where the props sit in the caller's props or configuration
 */
export function findingAlertsPropsProblems(props: FindingAlertsProps, path?: string | FieldPath): string[] {
  const at = fieldPathOf(path);
  const problems: string[] = [];
  if (props.routes !== undefined) {
    const conflicts = (['emailAddresses', 'minimumSeverity', 'language'] as const)
      .filter((k) => props[k] !== undefined)
      .map((k) => at.name(k));
    if (conflicts.length > 0) {
      problems.push(
        `${at.name('routes')} is set together with ${conflicts.join(', ')}, which only describe the default route ` +
          'and would be ignored. Put them into a route (an e-mail channel with addresses and language, and the ' +
          `route's severity), or remove ${at.name('routes')}.`,
      );
    }
    if (props.routes.length === 0) {
      problems.push(
        `${at.name('routes')} is empty, so no finding would be delivered. Give at least one route, or leave ` +
          `${at.name('routes')} out for the default route.`,
      );
    }
  }
  problems.push(...routeListProblems(routesOf(props), at));
  const retryAttempts = props.retryAttempts;
  if (
    retryAttempts !== undefined &&
    !Token.isUnresolved(retryAttempts) &&
    (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > MAX_RETRY_ATTEMPTS)
  ) {
    problems.push(
      `${at.name('retryAttempts')} ${show(retryAttempts)} is invalid: EventBridge allows a whole number from 0 to ` +
        `${MAX_RETRY_ATTEMPTS}.`,
    );
  }
  const maxEventAge = props.maxEventAge;
  if (maxEventAge !== undefined && !Token.isUnresolved(maxEventAge.toSeconds({ integral: false }))) {
    const seconds = maxEventAge.toSeconds({ integral: false });
    if (seconds < MIN_EVENT_AGE.toSeconds() || seconds > MAX_EVENT_AGE.toSeconds()) {
      problems.push(
        `${at.name('maxEventAge')} ${maxEventAge.toHumanString()} is invalid: EventBridge keeps retrying for ` +
          `${MIN_EVENT_AGE.toMinutes()} minute to ${MAX_EVENT_AGE.toHours()} hours. Use a Duration in that range.`,
      );
    }
  }
  return problems;
}

/** Each route's own problems, and names that two routes or two channels share. */
function routeListProblems(routes: AlertRoute[], at: FieldPath): string[] {
  const problems: string[] = [];
  const routeNames = new Set<string>();
  const channels = new Map<string, IAlertChannel>();
  routes.forEach((route, i) => {
    const routeAt = at.child(`routes[${i}]`);
    problems.push(...routeProblems(route, routeAt));
    if (routeNames.has(route.name)) {
      problems.push(
        `${routeAt.name('name')} ${show(route.name)} is used by another route. Give each route its own name.`,
      );
    }
    routeNames.add(route.name);
    for (const channel of route.channels) {
      if (!CHANNEL_NAME.test(channel.channelName)) {
        problems.push(
          `${routeAt.name()} has a channel named ${show(channel.channelName)}: use 1 to 64 letters, digits, "-" or "_".`,
        );
      }
      const other = channels.get(channel.channelName);
      if (other && other !== channel) {
        problems.push(
          `Two different channels are named ${show(channel.channelName)}. Give each channel its own name, or pass ` +
            'the same channel object to every route that uses it.',
        );
      }
      channels.set(channel.channelName, channel);
    }
  });
  return problems;
}
