// The props of FindingsArchive, their defaults and their rules: pure, so that the app's configuration check
// reports the same messages as the construct.
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { fieldPathOf } from '../private/validation-error';
import type { FieldPath } from '../validation/field-path';

/** Properties of a {@link FindingsArchive}. */
export interface FindingsArchiveProps {
  /**
   * An existing bucket to export findings to, instead of creating one. It must be in the same Region as
   * `encryptionKey`. If it is imported (not created in this app), its bucket policy cannot be changed from here:
   * add the statements of the GuardDuty export guide yourself (a warning at synth lists them).
   *
   * @default - a new bucket, encrypted with `encryptionKey`
   */
  readonly bucket?: s3.IBucket;

  /**
   * An existing symmetric KMS key that GuardDuty encrypts the exported findings with, instead of creating one. It
   * must be in the same Region as the bucket.
   *
   * @default - the bucket's own encryption key if `bucket` has one, otherwise a new customer managed key with
   * yearly rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long exported findings are kept before they expire. GuardDuty itself keeps findings for 90 days.
   * Only for a bucket created here.
   *
   * @default FindingsArchive.DEFAULT_EXPIRATION - 366 days
   */
  readonly expiration?: Duration;

  /**
   * Move findings to `colderStorageClass` this long after they are written. Only for a bucket created here. Note
   * that S3 does not transition objects smaller than 128 KiB by default, and many finding files are smaller.
   *
   * @default - findings stay in S3 Standard until they expire
   */
  readonly transitionToColderStorageAfter?: Duration;

  /**
   * The storage class for `transitionToColderStorageAfter`.
   *
   * @default s3.StorageClass.GLACIER_INSTANT_RETRIEVAL
   */
  readonly colderStorageClass?: s3.StorageClass;

  /**
   * How long an overwritten or expired version of a finding file is kept before it is deleted for good. Versioning
   * is always on; this bounds what it costs. Only for a bucket created here.
   *
   * @default FindingsArchive.DEFAULT_NONCURRENT_VERSION_EXPIRATION - 30 days
   */
  readonly noncurrentVersionExpiration?: Duration;

  /**
   * Where S3 server access logs of the findings bucket go. Only for a bucket created here.
   *
   * @default - a new bucket with SSE-S3 encryption (the only encryption S3 log delivery supports)
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * What happens to the buckets and the key when they leave the stack or the stack is deleted.
   * `RemovalPolicy.DESTROY` deletes the key and the buckets; S3 refuses to delete a bucket that still holds
   * objects unless `autoDeleteObjects` is also set.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Empty the buckets when they are deleted. This adds a Lambda-backed custom resource. Only with
   * `removalPolicy: RemovalPolicy.DESTROY`.
   *
   * @default false
   */
  readonly autoDeleteObjects?: boolean;
}

/**
 * How long findings are kept by default: 366 days, so that a year of findings can be compared with the year before
 * (GuardDuty itself keeps them 90 days).
 */
export const DEFAULT_EXPIRATION = Duration.days(366);

/** How long an overwritten or expired version of a finding file is kept by default. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(30);

/**
 * The fewest days after which S3 moves objects to each storage class that has a minimum
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html).
 */
const MINIMUM_TRANSITION_DAYS: Readonly<Record<string, number>> = { STANDARD_IA: 30, ONEZONE_IA: 30 };

/**
 * Every problem of the archive's props that S3 would refuse, or that would be silently ignored, each naming the
 * field, the value and the fix; empty when they are fine.
 *
 * @param path where the props sit in the caller's props or configuration
 */
export function findingsArchivePropsProblems(
  props: FindingsArchiveProps,
  path?: string | FieldPath,
): string[] {
  const at = fieldPathOf(path);
  const problems: string[] = [];
  const days = (field: 'expiration' | 'transitionToColderStorageAfter' | 'noncurrentVersionExpiration') => {
    const value = props[field];
    if (value === undefined) return undefined;
    const n = value.toDays({ integral: false });
    if (Token.isUnresolved(n)) return undefined;
    if (!Number.isInteger(n) || n < 1) {
      problems.push(
        `${at.name(field)} ${value.toHumanString()} is invalid: S3 lifecycle rules count whole days. Give a whole ` +
          'number of days, at least 1.',
      );
      return undefined;
    }
    return n;
  };
  const expiration = days('expiration') ?? DEFAULT_EXPIRATION.toDays();
  const transition = days('transitionToColderStorageAfter');
  days('noncurrentVersionExpiration');

  if (props.bucket) {
    const ignored = (
      [
        'expiration',
        'transitionToColderStorageAfter',
        'colderStorageClass',
        'noncurrentVersionExpiration',
        'serverAccessLogsBucket',
        'removalPolicy',
        'autoDeleteObjects',
      ] as const
    )
      .filter((k) => props[k] !== undefined)
      .map((k) => at.name(k));
    if (ignored.length > 0) {
      problems.push(
        `${ignored.join(', ')} only apply to a bucket created here, but ${at.name('bucket')} is given. Configure ` +
          `them on your own bucket and remove them, or remove ${at.name('bucket')}.`,
      );
    }
    if (!props.encryptionKey && !props.bucket.encryptionKey) {
      problems.push(
        `${at.name('bucket')} is given without ${at.name('encryptionKey')}: GuardDuty needs the KMS key it ` +
          `encrypts findings with. Give ${at.name('encryptionKey')} (a symmetric key in the bucket\u2019s Region).`,
      );
    }
  }
  if (transition !== undefined && transition >= expiration) {
    problems.push(
      `${at.name('transitionToColderStorageAfter')} (${transition} days) must be shorter than ` +
        `${at.name('expiration')} (${expiration} days). Lower it, or remove it and let findings expire from S3 ` +
        'Standard.',
    );
  }
  if (props.colderStorageClass && transition === undefined) {
    problems.push(
      `${at.name('colderStorageClass')} is set without ${at.name('transitionToColderStorageAfter')}. Set both or ` +
        'neither.',
    );
  }
  const storageClass = props.colderStorageClass?.value;
  const minimum = storageClass === undefined ? undefined : MINIMUM_TRANSITION_DAYS[storageClass];
  if (transition !== undefined && minimum !== undefined && transition < minimum) {
    problems.push(
      `${at.name('transitionToColderStorageAfter')} is ${transition} days, but S3 moves objects to ${storageClass} ` +
        `only after at least ${minimum} days. Use ${minimum} or more, or another ${at.name('colderStorageClass')}.`,
    );
  }
  if (props.autoDeleteObjects && props.removalPolicy !== RemovalPolicy.DESTROY) {
    problems.push(
      `${at.name('autoDeleteObjects')} is true but ${at.name('removalPolicy')} is not DESTROY: only a bucket that ` +
        `is deleted can be emptied. Set ${at.name('removalPolicy')} to DESTROY as well, or remove ` +
        `${at.name('autoDeleteObjects')}.`,
    );
  }
  return problems;
}
