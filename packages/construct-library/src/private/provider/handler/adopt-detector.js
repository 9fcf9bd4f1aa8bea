// @ts-check
'use strict';

const {
  CreateDetectorCommand,
  GetDetectorCommand,
  ListDetectorsCommand,
  TagResourceCommand,
  UpdateDetectorCommand,
} = require('@aws-sdk/client-guardduty');
const { ProviderError } = require('./errors');

/** @typedef {import('@aws-sdk/client-guardduty').DetectorFeatureConfiguration} DetectorFeatureConfiguration */
/** @typedef {import('@aws-sdk/client-guardduty').DetectorFeatureConfigurationResult} DetectorFeatureConfigurationResult */

/**
 * What GetDetector reports for a feature or additional configuration that an AWS Organizations GuardDuty policy
 * manages: such a setting is read-only through the API, so UpdateDetector must not name it.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-organization-policies-considerations.html
 */
const POLICY_MANAGED = 'GUARDDUTY_POLICY';

/**
 * Every detector ID of the account in the Region (there is at most one), following NextToken.
 *
 * @param {import('../contract').ActionContext} context
 * @returns {Promise<string[]>}
 */
async function listDetectorIds(context) {
  const client = context.clients.guardDuty(context.region);
  /** @type {string[]} */
  const ids = [];
  /** @type {string | undefined} */
  let token;
  do {
    const page = await context.call(new ListDetectorsCommand({ NextToken: token }), (c) => client.send(c));
    ids.push(...(page.DetectorIds ?? []));
    token = page.NextToken;
  } while (token);
  return ids;
}

/**
 * The requested features without those a GuardDuty policy manages (by GetDetector's `ManagedBy`), and without the
 * additional configurations it manages; and the names of what was left out, `FEATURE` or `FEATURE/CONFIGURATION`.
 *
 * @param {readonly DetectorFeatureConfiguration[]} requested
 * @param {readonly DetectorFeatureConfigurationResult[]} current GetDetector's `Features`
 * @returns {{ features: DetectorFeatureConfiguration[], skipped: string[] }}
 */
function withoutPolicyManaged(requested, current) {
  const managed = new Set();
  for (const feature of current) {
    if (feature.ManagedBy === POLICY_MANAGED) managed.add(feature.Name);
    for (const configuration of feature.AdditionalConfiguration ?? []) {
      if (configuration.ManagedBy === POLICY_MANAGED) managed.add(`${feature.Name}/${configuration.Name}`);
    }
  }
  /** @type {string[]} */
  const skipped = [];
  /** @type {DetectorFeatureConfiguration[]} */
  const features = [];
  for (const feature of requested) {
    if (managed.has(feature.Name)) {
      skipped.push(`${feature.Name} (managed by ${POLICY_MANAGED})`);
      continue;
    }
    if (!feature.AdditionalConfiguration) {
      features.push(feature);
      continue;
    }
    const additional = feature.AdditionalConfiguration.filter((configuration) => {
      const name = `${feature.Name}/${configuration.Name}`;
      if (!managed.has(name)) return true;
      skipped.push(`${name} (managed by ${POLICY_MANAGED})`);
      return false;
    });
    const { AdditionalConfiguration: _all, ...rest } = feature;
    features.push(additional.length > 0 ? { ...rest, AdditionalConfiguration: additional } : rest);
  }
  return { features, skipped };
}

/**
 * @param {string} detectorId
 * @param {import('../contract').ActionContext} context
 */
function suspendedMessage(detectorId, context) {
  const where = `account ${context.account}, Region ${context.region}`;
  return (
    `The GuardDuty detector ${detectorId} of ${where} is suspended (GetDetector reports Status DISABLED), so ` +
    'GuardDuty is not monitoring there and this stack does not re-enable it unasked. Either re-enable it yourself ' +
    `(\`aws guardduty update-detector --detector-id ${detectorId} --enable --region ${context.region}\`) and ` +
    'deploy again, or let the deployment re-enable it: "enableAdoptedDetectorIfSuspended": true in the app\'s ' +
    'configuration (enableIfSuspended: true on an AdoptedDetector of your own CDK app).'
  );
}

/**
 * `AdoptDetector`: on Create and Update, uses the account's detector in the Region, or creates it with the
 * requested settings and tags if there is none. An existing detector is changed only as asked: its settings with
 * `ManageSettings` (minus what a GuardDuty policy manages, reported in `SkippedFeatures`), re-enabled with
 * `EnableIfSuspended` (otherwise a suspended detector fails the deployment), and tagged. Delete calls nothing: the
 * detector is never deleted or disabled.
 *
 * @type {import('../contract').Action<import('../contract').AdoptDetectorRequest>}
 */
async function adoptDetector(request, context) {
  if (context.requestType === 'Delete') {
    return {
      physicalResourceId: context.physicalResourceId ?? 'guardduty-detector',
      reason: 'The detector is kept: deleting the resource or the stack never deletes or disables it.',
    };
  }
  const client = context.clients.guardDuty(context.region);
  const tags = Object.keys(request.Tags).length > 0 ? request.Tags : undefined;
  const ids = await listDetectorIds(context);
  if (ids.length > 1) {
    throw new ProviderError(
      `ListDetectors returned ${ids.length} detectors (${ids.join(', ')}) for account ${context.account} in ` +
        `${context.region}, but GuardDuty allows one per account and Region, so this stack cannot tell which to ` +
        'use. Ask AWS Support; meanwhile use existingDetectorId with the right one.',
    );
  }

  if (ids.length === 0) {
    const created = await context.call(
      new CreateDetectorCommand({
        Enable: true,
        FindingPublishingFrequency: request.FindingPublishingFrequency,
        Features: [...request.Features],
        Tags: tags,
      }),
      (c) => client.send(c),
    );
    const detectorId = created.DetectorId;
    if (!detectorId) throw new ProviderError('CreateDetector succeeded but returned no DetectorId.');
    return {
      physicalResourceId: detectorId,
      data: { DetectorId: detectorId, Created: 'true', SkippedFeatures: '' },
      reason: `Created the detector ${detectorId} with the requested settings${tags ? ' and tags' : ''}.`,
    };
  }

  const [detectorId] = ids;
  const detector = await context.call(new GetDetectorCommand({ DetectorId: detectorId }), (c) =>
    client.send(c),
  );
  const suspended = detector.Status !== 'ENABLED';
  if (suspended && !request.EnableIfSuspended) throw new ProviderError(suspendedMessage(detectorId, context));

  /** @type {string[]} */
  const done = [];
  /** @type {string[]} */
  let skipped = [];
  if (request.ManageSettings) {
    const applied = withoutPolicyManaged(request.Features, detector.Features ?? []);
    skipped = applied.skipped;
    await context.call(
      new UpdateDetectorCommand({
        DetectorId: detectorId,
        Enable: suspended ? true : undefined,
        FindingPublishingFrequency: request.FindingPublishingFrequency,
        Features: applied.features.length > 0 ? applied.features : undefined,
      }),
      (c) => client.send(c),
    );
    done.push(
      suspended ? 're-enabled it and applied the requested settings' : 'applied the requested settings',
    );
  } else if (suspended) {
    await context.call(new UpdateDetectorCommand({ DetectorId: detectorId, Enable: true }), (c) =>
      client.send(c),
    );
    done.push('re-enabled it (its settings are kept)');
  } else {
    done.push('kept its settings');
  }
  if (tags) {
    const detectorArn = `arn:${context.partition}:guardduty:${context.region}:${context.account}:detector/${detectorId}`;
    await context.call(new TagResourceCommand({ ResourceArn: detectorArn, Tags: tags }), (c) =>
      client.send(c),
    );
    done.push('tagged it');
  }
  const skippedText = skipped.join(', ');
  if (skipped.length > 0) {
    done.push(`left ${skippedText} as they are, because an AWS Organizations GuardDuty policy manages them`);
  }
  return {
    physicalResourceId: detectorId,
    data: { DetectorId: detectorId, Created: 'false', SkippedFeatures: skippedText },
    reason: `Adopted the existing detector ${detectorId}: ${done.join('; ')}.`,
  };
}

module.exports = { adoptDetector, withoutPolicyManaged, POLICY_MANAGED };
