import { CustomResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { providerResource } from '../private/guardduty-provider';
import { acknowledgeRules } from '../private/nag';
import { show, throwIfProblems } from '../private/validation-error';

/** The service principal GuardDuty registers in AWS Organizations. */
const GUARDDUTY_SERVICE_PRINCIPAL = 'guardduty.amazonaws.com';

/** Properties of a {@link GuardDutyDelegatedAdministrator}. */
export interface GuardDutyDelegatedAdministratorProps {
  /**
   * The account that administers GuardDuty for the whole organization, usually a dedicated security tooling or
   * audit account rather than the management account itself: 12 digits.
   */
  readonly administratorAccountId: string;

  /**
   * The Regions to designate the administrator in, as literal Region codes (`eu-west-1`). GuardDuty is regional:
   * the administrator manages members only in the Regions listed here. One custom resource is created per Region.
   */
  readonly regions: string[];

  /**
   * What happens to the designation when it leaves the stack or the stack is deleted.
   *
   * By default it is kept: removing the delegated administrator disassociates every member account from it, so
   * findings stop reaching the administrator organization-wide. Only `RemovalPolicy.DESTROY` removes it, by calling
   * `DisableOrganizationAdminAccount` in each Region where the account still is the administrator (where it no
   * longer is, for instance because it was removed by hand, nothing is called); every other value keeps it.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Designates the GuardDuty delegated administrator of an AWS Organizations organization, in each listed Region.
 *
 * Deploy it in the organization's MANAGEMENT account, in a single stack (any Region: the calls are sent to each
 * listed Region). CloudFormation has no resource for this, so each Region gets a custom resource
 * (`Custom::GuardDutyDelegatedAdministrator`, run by the stack's provider function) that, on create and update,
 * lists the administrators of that Region (`ListOrganizationAdminAccounts`) and calls
 * `EnableOrganizationAdminAccount` only if the account is not the administrator yet. The designation also enables
 * GuardDuty (a detector) in the administrator account of that Region; deploy the administrator's stacks, with
 * `GuardDutyOrganizationConfiguration`, afterwards.
 *
 * Caveats:
 *
 * - An account that already is the administrator (designated by hand, or on an update) is left as it is.
 * - If ANOTHER account is the administrator in a Region, the deployment fails with a message naming both accounts:
 *   nothing is moved without you. To move the role, remove the current administrator first
 *   (`aws guardduty disable-organization-admin-account --admin-account-id <old> --region <region>`, in the
 *   management account), then deploy the new ID.
 * - Every other error of GuardDuty (an account that is not in the organization, missing Organizations permissions)
 *   fails the deployment with GuardDuty's own message; none is ignored.
 * - The Regions are designated one after the other, so that concurrent calls do not race in Organizations.
 */
export class GuardDutyDelegatedAdministrator extends Construct {
  /** The administrator account ID. */
  public readonly administratorAccountId: string;
  /** The Regions it is designated in. */
  public readonly regions: string[];
  /** The customer managed policy with the permissions of the custom resources' calls. */
  public readonly policy: iam.ManagedPolicy;
  /** One custom resource per Region (`Custom::GuardDutyDelegatedAdministrator`), in the order of `regions`. */
  public readonly designations: CustomResource[];

  constructor(scope: Construct, id: string, props: GuardDutyDelegatedAdministratorProps) {
    super(scope, id);
    throwIfProblems(this, [
      ...administratorAccountIdProblems(props.administratorAccountId),
      ...regionsProblems(props.regions, Stack.of(this).region),
    ]);
    this.administratorAccountId = props.administratorAccountId;
    this.regions = [...props.regions];
    const destroy = props.removalPolicy === RemovalPolicy.DESTROY;

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Designates the GuardDuty delegated administrator of the organization',
      statements: delegatedAdministratorStatements(this, props.administratorAccountId, this.regions, destroy),
    });
    acknowledgeRules(this.policy.node.defaultChild, {
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]':
        'guardduty:ListOrganizationAdminAccounts, EnableOrganizationAdminAccount and (with RemovalPolicy.DESTROY ' +
        'only) DisableOrganizationAdminAccount ' +
        'support no resource type in the Service Authorization Reference, so "*" is the only resource that matches; ' +
        'aws:RequestedRegion limits them to the listed Regions. The Organizations actions are those the GuardDuty guide lists, on "*", for ' +
        'designating a delegated administrator: the write actions (EnableAWSServiceAccess, ' +
        'Register/DeregisterDelegatedAdministrator) are limited to organizations:ServicePrincipal = ' +
        'guardduty.amazonaws.com, the others only read the organization.',
    });

    const designations: CustomResource[] = [];
    for (const region of this.regions) {
      const designation = providerResource(this, region, {
        resourceType: 'Custom::GuardDutyDelegatedAdministrator',
        action: 'DelegatedAdministrator',
        region,
        request: { AdminAccountId: props.administratorAccountId, DisableOnDelete: destroy },
        policy: this.policy,
      });
      const previous = designations.at(-1);
      if (previous) designation.node.addDependency(previous);
      designations.push(designation);
    }
    this.designations = designations;
  }
}

/**
 * The statements of the policy: the GuardDuty guide's statement for designating a delegated administrator, with the
 * write actions narrowed by conditions, and the service-linked role statement only where the administrator may be
 * the management account itself.
 */
function delegatedAdministratorStatements(
  scope: Construct,
  administratorAccountId: string,
  regions: readonly string[],
  destroy: boolean,
): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const statements = [
    new iam.PolicyStatement({
      sid: 'DesignateGuardDutyAdministrator',
      actions: [
        'guardduty:ListOrganizationAdminAccounts',
        'guardduty:EnableOrganizationAdminAccount',
        ...(destroy ? ['guardduty:DisableOrganizationAdminAccount'] : []),
      ],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:RequestedRegion': [...regions] } },
    }),
    new iam.PolicyStatement({
      sid: 'RegisterGuardDutyInOrganizations',
      actions: [
        'organizations:EnableAWSServiceAccess',
        'organizations:RegisterDelegatedAdministrator',
        ...(destroy ? ['organizations:DeregisterDelegatedAdministrator'] : []),
      ],
      resources: ['*'],
      conditions: { StringEquals: { 'organizations:ServicePrincipal': GUARDDUTY_SERVICE_PRINCIPAL } },
    }),
    new iam.PolicyStatement({
      sid: 'ReadOrganization',
      actions: [
        'organizations:DescribeAccount',
        'organizations:DescribeOrganization',
        'organizations:DescribeOrganizationalUnit',
        'organizations:ListAWSServiceAccessForOrganization',
        'organizations:ListAccounts',
        'organizations:ListDelegatedAdministrators',
      ],
      resources: ['*'],
    }),
  ];
  // Only needed when the management account designates itself (GuardDuty guide); unknown at synth counts as maybe.
  const mayBeManagementAccount =
    Token.isUnresolved(stack.account) ||
    Token.isUnresolved(administratorAccountId) ||
    stack.account === administratorAccountId;
  if (mayBeManagementAccount) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'CreateGuardDutyServiceLinkedRole',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [
          stack.formatArn({
            service: 'iam',
            region: '',
            resource: 'role',
            resourceName: `aws-service-role/${GUARDDUTY_SERVICE_PRINCIPAL}/AWSServiceRoleForAmazonGuardDuty`,
          }),
        ],
        conditions: { StringLike: { 'iam:AWSServiceName': GUARDDUTY_SERVICE_PRINCIPAL } },
      }),
    );
  }
  return statements;
}

function administratorAccountIdProblems(accountId: string): string[] {
  if (Token.isUnresolved(accountId) || /^\d{12}$/.test(accountId)) return [];
  return [
    `administratorAccountId ${show(accountId)} is not an AWS account ID. An account ID is exactly 12 digits ` +
      '(keep leading zeros, as a string); copy it from `aws organizations list-accounts` in the management account.',
  ];
}

function regionsProblems(regions: readonly string[], stackRegion: string): string[] {
  if (regions.length === 0) {
    return [
      'regions is empty. List every Region to designate the GuardDuty administrator in, e.g. ' +
        '["us-east-1", "eu-west-1"]: GuardDuty is regional and the administrator manages members only there.',
    ];
  }
  const known = new Map(RegionInfo.regions.map((r) => [r.name, r.partition]));
  const problems: string[] = [];
  const seen = new Set<string>();
  const partitions = new Set<string>();
  regions.forEach((region, i) => {
    if (Token.isUnresolved(region)) {
      problems.push(
        `regions[${i}] is a token (${show(region)}), but one custom resource is created per Region at synth. ` +
          'Write the Region codes as literal strings.',
      );
      return;
    }
    if (seen.has(region)) {
      problems.push(`regions lists ${show(region)} more than once. List each Region once.`);
      return;
    }
    seen.add(region);
    if (!known.has(region)) {
      problems.push(
        `regions[${i}] ${show(region)} is not a known AWS Region. Use a Region code such as "eu-west-1", as ` +
          '`aws account list-regions` prints it.',
      );
      return;
    }
    partitions.add(known.get(region) ?? 'aws');
  });
  if (!Token.isUnresolved(stackRegion) && known.has(stackRegion)) {
    const own = known.get(stackRegion) ?? 'aws';
    const foreign = regions.filter((r) => known.has(r) && known.get(r) !== own);
    if (foreign.length > 0) {
      problems.push(
        `regions ${show(foreign)} are outside the partition ${show(own)} of this stack's Region ` +
          `${show(stackRegion)}; credentials of one partition cannot call another. Deploy a separate stack in ` +
          'that partition for them.',
      );
    }
  } else if (partitions.size > 1) {
    problems.push(
      `regions mixes the partitions ${show([...partitions])}; credentials of one partition cannot call another. ` +
        'Deploy one stack per partition.',
    );
  }
  return problems;
}
