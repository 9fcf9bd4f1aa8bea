import { Token } from 'aws-cdk-lib';
import { CfnFilter } from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { fieldPathOf, show, throwIfProblems } from '../private/validation-error';
import type { FieldPath } from '../validation/field-path';
import { findingCriteriaProblems } from './finding-criteria';
import { FindingCriterion, renderFindingCriteria } from './finding-criterion';
import type { IGuardDutyDetector } from './guardduty-detector';

export type { FindingCriterion } from './finding-criterion';
export { renderFindingCriteria } from './finding-criterion';

/** The description of a rule that does not set one. */
export const DEFAULT_SUPPRESSION_RULE_DESCRIPTION =
  'Suppression rule managed by cdk-guardduty-threat-detection. Matching findings are archived automatically.';

/** The rank of a rule that does not set one: evaluated first. */
export const DEFAULT_SUPPRESSION_RULE_RANK = 1;

/** GuardDuty's filter name rule (CreateFilter `name`, and the console): 3 to 64 of `A-Z a-z 0-9 . _ -`. */
const NAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;
const NAME_CHARACTER = /[A-Za-z0-9._-]/;
/**
 * GuardDuty's filter description rule: at most 512 characters (CloudFormation `Description`, Minimum 0, Maximum
 * 512) of "alphanumeric characters, and special characters such as hyphen, period, colon, underscore, parentheses
 * ({ }, [ ], and ( )), forward slash, horizontal tab, vertical tab, newline, form feed, return, and whitespace"
 * (CreateFilterRequest.Description in @aws-sdk/client-guardduty, models_0.d.ts, and
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-guardduty-filter.html).
 * "Alphanumeric" is read as any letter or digit, so that a description in Japanese is not refused on a guess.
 */
const MAX_DESCRIPTION = 512;
const DESCRIPTION_CHARACTER = /^[\p{L}\p{N}\s.:_(){}[\]/-]$/u;
/**
 * GuardDuty's quota: at most 100 filters (saved filters and suppression rules together) per account and Region,
 * that is per detector. https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_limits.html and the CreateFilter
 * doc string ("The maximum number of saved filters per Amazon Web Services account per Region is 100").
 */
export const MAX_SUPPRESSION_RULES = 100;
const MIN_RANK = 1;
const MAX_RANK = 100;

/**
 * What a suppression rule archives. Used by {@link SuppressionRuleProps} and by configuration that lists rules.
 *
 * A suppression rule is a GuardDuty filter with the `ARCHIVE` action. GuardDuty still generates the findings that
 * match, but archives them at once: they stay visible under Archived in the console for 90 days, and they are never
 * sent to EventBridge (so no alert route sees them), to the S3 findings export, to Security Hub or to Detective,
 * and they do not start a Malware Protection scan. Unlike the filters of an alert route, which only decide who is
 * notified of a finding that is still exported and kept active, a suppression rule removes findings from every
 * downstream consumer: use it only for findings you have decided you never need to see. It applies to new
 * findings; findings already generated are not archived by it.
 *
 * GuardDuty limits: at most 100 filters (saved filters and suppression rules together) per account and Region;
 * in a multi-account organization only the GuardDuty administrator account can create suppression rules.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/findings_suppression-rule.html
 */
export interface SuppressionRuleOptions {
  /**
   * The filter name: 3 to 64 characters of letters, digits, `.`, `_` and `-`, without spaces; unique among the
   * detector's filters. Changing it replaces the filter.
   */
  readonly name: string;

  /**
   * Why the findings are suppressed, for whoever finds the rule in the console: at most 512 characters of letters,
   * digits, spaces and `. - : _ / ( ) [ ] { }`.
   *
   * @default 'Suppression rule managed by cdk-guardduty-threat-detection. Matching findings are archived automatically.'
   */
  readonly description?: string;

  /**
   * The rule's position among the detector's filters, which is also the order GuardDuty evaluates them in: a whole
   * number from 1 (first) to 100. CloudFormation may create several filters out of rank order.
   *
   * @default 1
   */
  readonly rank?: number;

  /**
   * The conditions a finding must meet to be archived: 1 to 50 criteria, each on a different field, all of which
   * must hold (AND). Within one criterion, the operators are ANDed too, and a list operator matches when any of
   * its values does.
   */
  readonly criteria: FindingCriterion[];
}

/** Properties of a {@link SuppressionRule}. */
export interface SuppressionRuleProps extends SuppressionRuleOptions {
  /** The detector whose new findings the rule archives, created by this stack or imported. */
  readonly detector: IGuardDutyDetector;
}

/**
 * A GuardDuty suppression rule: an `AWS::GuardDuty::Filter` with the `ARCHIVE` action. Findings that match every
 * criterion are archived as GuardDuty generates them and never reach EventBridge, alerts or the S3 export.
 *
 * Everything is checked at synth, before anything deploys; one error lists every problem.
 */
export class SuppressionRule extends Construct {
  /** The underlying CloudFormation resource. */
  public readonly cfnFilter: CfnFilter;

  constructor(scope: Construct, id: string, props: SuppressionRuleProps) {
    super(scope, id);
    throwIfProblems(this, suppressionRuleProblems(props));
    this.cfnFilter = new CfnFilter(this, 'Resource', {
      detectorId: props.detector.detectorId,
      name: props.name,
      description: props.description ?? DEFAULT_SUPPRESSION_RULE_DESCRIPTION,
      action: 'ARCHIVE',
      rank: props.rank ?? DEFAULT_SUPPRESSION_RULE_RANK,
      findingCriteria: { criterion: renderFindingCriteria(props.criteria) },
    });
  }
}

/**
 * Every problem of one rule that GuardDuty or CloudFormation would refuse at deploy time, or that would archive
 * something other than what was meant, each naming the field, the value and the fix; empty when the rule is valid.
 * Values that are CDK tokens are not checked. Pure, so that the app's configuration check reports the same messages.
 *
 * @param path where the rule sits in the caller's props or configuration
 */
export function suppressionRuleProblems(
  options: SuppressionRuleOptions,
  path?: string | FieldPath,
): string[] {
  const at = fieldPathOf(path);
  const problems: string[] = [];
  const { name, description, rank } = options;

  if (!Token.isUnresolved(name) && !(typeof name === 'string' && NAME_PATTERN.test(name))) {
    problems.push(nameProblem(at.name('name'), name));
  }
  if (description !== undefined && !Token.isUnresolved(description)) {
    if (typeof description !== 'string') {
      problems.push(
        `${at.name('description')} ${show(description)} is not a string; write the description as text.`,
      );
    } else if (description.length > MAX_DESCRIPTION) {
      problems.push(
        `${at.name('description')} ${show(description)} is ${description.length} characters long; GuardDuty ` +
          `accepts at most ${MAX_DESCRIPTION}. Shorten it.`,
      );
    }
    const invalid = [...new Set([...description].filter((c) => !DESCRIPTION_CHARACTER.test(c)))];
    if (invalid.length > 0) {
      problems.push(
        `${at.name('description')} ${show(description)} contains ${invalid.map((c) => show(c)).join(', ')}, which ` +
          "GuardDuty does not accept in a filter description. Use only letters, digits, spaces and '.', '-', " +
          "':', '_', '/', '(', ')', '[', ']', '{', '}'.",
      );
    }
  }
  if (
    rank !== undefined &&
    !Token.isUnresolved(rank) &&
    !(typeof rank === 'number' && Number.isInteger(rank) && rank >= MIN_RANK && rank <= MAX_RANK)
  ) {
    problems.push(
      `${at.name('rank')} ${typeof rank === 'number' ? String(rank) : show(rank)} is not a whole number from ` +
        `${MIN_RANK} to ${MAX_RANK}; GuardDuty evaluates filters in rank order, ${MIN_RANK} first. Use a whole ` +
        `number between ${MIN_RANK} and ${MAX_RANK}.`,
    );
  }
  problems.push(...findingCriteriaProblems(options.criteria, at.child('criteria')));
  return problems;
}

/**
 * The problems of a list of rules for one detector: more than GuardDuty's 100 filters per detector, and names that
 * would give two rules the same construct ID. Empty when the list is fine. The limit counts the console's saved
 * filters too, so a list of exactly 100 can still fail if the account has saved filters.
 *
 * @param path where the list sits in the caller's props or configuration
 */
export function suppressionRulesProblems(
  options: readonly SuppressionRuleOptions[],
  path?: string | FieldPath,
): string[] {
  const field = fieldPathOf(path, 'suppressionRules').name();
  if (!Array.isArray(options)) return [];
  const problems: string[] = [];
  if (options.length > MAX_SUPPRESSION_RULES) {
    problems.push(
      `${field} has ${options.length} rules; GuardDuty allows at most ${MAX_SUPPRESSION_RULES} filters (suppression ` +
        'rules and saved filters together) per detector, that is per account and Region, and every rule is created ' +
        `in each Region's detector. Merge rules until at most ${MAX_SUPPRESSION_RULES} remain: rules that differ only in the ` +
        'values of one field can be one rule whose list for that field holds all their values.',
    );
  }
  const ids = options.map((o) => (typeof o?.name === 'string' ? idOf(o.name) : undefined));
  const clash = ids.findIndex((id, i) => id !== undefined && ids.indexOf(id) !== i);
  if (clash >= 0) {
    const first = options[ids.indexOf(ids[clash])].name;
    problems.push(
      `${field} has the names ${show(first)} and ${show(options[clash].name)}, which are the same or differ only ` +
        'in ".", "_" or "-". Give each rule a distinct name.',
    );
  }
  return problems;
}

/** A rule's construct ID, from its name, so that a rule keeps its identity when others are added or re-ranked. */
function idOf(name: string): string {
  return `Suppress${name.replace(/[^A-Za-z0-9]/g, '')}`;
}

function nameProblem(at: string, name: unknown): string {
  if (typeof name !== 'string') {
    return `${at} ${show(name)} is not a string; name the rule with 3 to 64 letters, digits, '.', '_' or '-'.`;
  }
  const reasons: string[] = [];
  if (name.length < 3 || name.length > 64)
    reasons.push(`it is ${name.length} character${name.length === 1 ? '' : 's'} long`);
  const invalid = [...new Set([...name].filter((c) => !NAME_CHARACTER.test(c)))];
  if (invalid.length > 0) reasons.push(`it contains ${invalid.map((c) => show(c)).join(', ')}`);
  const fixed = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  const example = NAME_PATTERN.test(fixed) && fixed !== name ? `, for example ${show(fixed)}` : '';
  return (
    `${at} ${show(name)} is not a valid GuardDuty filter name: ${reasons.join(' and ')}. A name is 3 to 64 ` +
    `characters of letters, digits, '.', '_' and '-'${example}.`
  );
}

/**
 * Creates the suppression rules in rank order, each depending on the one before, because CloudFormation would
 * otherwise create filters in any order and GuardDuty ranks them by creation.
 */
export function createSuppressionRules(
  scope: Construct,
  detector: IGuardDutyDetector,
  options: SuppressionRuleOptions[],
): SuppressionRule[] {
  throwIfProblems(scope, suppressionRulesProblems(options));
  const ordered = [...options].sort((a, b) => (a.rank ?? 1) - (b.rank ?? 1));
  const rules: SuppressionRule[] = [];
  for (const rule of ordered) {
    const created = new SuppressionRule(scope, idOf(rule.name), {
      ...rule,
      detector,
    });
    if (rules.length > 0) created.node.addDependency(rules[rules.length - 1]);
    rules.push(created);
  }
  return rules;
}
