/**
 * What the preview engine reads (the stacks of a synthesized app) and what it reports (the deliveries of each event),
 * and the error it throws when the app's rules cannot be evaluated offline.
 */
import type { CloudFormationTemplate } from './cloudformation-values';

/** One stack of the app: its template and where it is deployed. */
export interface PreviewStack {
  /** The stack's artifact ID in the cloud assembly (what `forwardTo.stack` names). */
  readonly id: string;
  readonly stackName?: string;
  /** The stack's Region; undefined for an environment-agnostic stack. */
  readonly region?: string;
  /** The stack's account; undefined for an environment-agnostic stack. */
  readonly account?: string;
  readonly template: CloudFormationTemplate;
}

/** The parts of a cloud assembly (`aws-cdk-lib/cx-api` CloudAssembly) the engine reads. */
export interface CloudAssemblyLike {
  readonly stacks: readonly StackArtifactLike[];
  readonly stacksRecursively?: readonly StackArtifactLike[];
}

/** The parts of a `CloudFormationStackArtifact` the engine reads. */
export interface StackArtifactLike {
  readonly id: string;
  readonly stackName: string;
  readonly environment: { readonly account: string; readonly region: string };
  readonly template: unknown;
}

/** One event to preview, with the name it is reported under. */
export interface PreviewEvent {
  readonly file: string;
  readonly event: unknown;
  /** True when the file held a bare finding that was wrapped in an event (see `event-input.ts`). */
  readonly wrappedFinding?: boolean;
}

/** How to preview. */
export interface PreviewOptions {
  /** Say, for each route that does not deliver an event, why its rules do not match. */
  readonly explain?: boolean;
}

/** A suppression rule (an ARCHIVE `AWS::GuardDuty::Filter`) that archives the finding. */
export interface PreviewSuppression {
  /** The artifact ID of the stack that holds the filter. */
  readonly stack: string;
  /** The filter's logical ID. */
  readonly filter: string;
  /** The filter's name. */
  readonly name: string;
  readonly rank?: number;
}

/** Why one rule of a route does not match the event (with `explain`). */
export interface PreviewExplanation {
  readonly stack: string;
  readonly rule: string;
  /** The route name from the rule's metadata, or `(unnamed)`. */
  readonly route: string;
  /** The severity label the rule's metadata declares, if any. */
  readonly severityLabel?: string;
  /** One reason per condition of the rule's pattern that fails: `severity 5 below 7`. */
  readonly reasons: readonly string[];
}

/** One message that one target of one rule receives. */
export interface PreviewDelivery {
  /** The artifact ID of the stack that holds the rule. */
  readonly stack: string;
  /** The rule's logical ID. */
  readonly rule: string;
  readonly targetId: string;
  /** The route name from the rule's metadata, or `(unnamed)`. */
  readonly route: string;
  /** The channel name from the rule's metadata, or the target Id. */
  readonly channel: string;
  /** `email`, `slack`, `teams`, `webhook` or `sns`, when the metadata says. */
  readonly channelType?: string;
  /** The severity label the rule's metadata declares, if any. */
  readonly severityLabel?: string;
  /** The text the target receives. */
  readonly message: string;
  /** The stacks that forwarded the event to `stack`, first one first; absent when it arrived directly. */
  readonly via?: readonly string[];
  /** Something the reader should know about this delivery, such as a JSON message that is not valid JSON. */
  readonly warning?: string;
  /**
   * For an e-mail channel, the e-mail subscriptions of its topic in the template: 0 means that nobody receives the
   * message until someone subscribes (a default route without addresses).
   */
  readonly subscribers?: number;
}

/** What happens to one event. */
export interface PreviewResult {
  readonly file: string;
  /** `detail.type`, when it is a string. */
  readonly findingType?: string;
  /** `detail.severity`, when it is a number. */
  readonly severity?: number;
  /** GuardDuty's label for `severity`: LOW, MEDIUM, HIGH or CRITICAL. */
  readonly severityLabel?: string;
  /** The event's `region`, when it is a string. */
  readonly region?: string;
  /** The stacks whose default event bus receives the event directly (before any forwarding). */
  readonly receivedBy: readonly string[];
  readonly deliveries: readonly PreviewDelivery[];
  /**
   * The suppression rules that archive the finding, lowest rank first; when there is one, GuardDuty archives the
   * finding before it reaches EventBridge and `deliveries` is empty. Absent when none does.
   */
  readonly suppressions?: readonly PreviewSuppression[];
  /** With `explain`: why each route that does not deliver the event does not match it. */
  readonly explanations?: readonly PreviewExplanation[];
  /** True when the file held a bare finding, wrapped in an event. */
  readonly wrappedFinding?: boolean;
}

/** The app's rules cannot be evaluated offline. The message names the stack and the rule. */
export class PreviewError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PreviewError';
  }
}

/** The route reported for a rule without routing metadata. */
export const UNNAMED_ROUTE = '(unnamed)';

/** The stacks of a cloud assembly, nested stages included, with their templates read into memory. */
export function stacksOf(source: CloudAssemblyLike | readonly PreviewStack[]): PreviewStack[] {
  if (Array.isArray(source)) return [...(source as readonly PreviewStack[])];
  const assembly = source as CloudAssemblyLike;
  return (assembly.stacksRecursively ?? assembly.stacks).map((artifact) => ({
    id: artifact.id,
    stackName: artifact.stackName,
    region: known(artifact.environment.region, /^[a-z]{2}(-[a-z]+)+-\d+$/),
    account: known(artifact.environment.account, /^\d{12}$/),
    template: artifact.template as CloudFormationTemplate,
  }));
}

function known(value: string, pattern: RegExp): string | undefined {
  return pattern.test(value) ? value : undefined;
}
