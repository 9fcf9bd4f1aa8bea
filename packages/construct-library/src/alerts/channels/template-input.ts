import * as events from 'aws-cdk-lib/aws-events';

/**
 * An input transformer whose template is used exactly as written: plain text, or JSON with placeholders.
 * aws-cdk-lib's `RuleTargetInput.fromText` would wrap every line in JSON quotes, and the quotes would show in an
 * e-mail; `fromObject` cannot place a placeholder as a whole JSON value.
 */
export class TemplateInput extends events.RuleTargetInput {
  constructor(
    private readonly inputPathsMap: Readonly<Record<string, string>>,
    private readonly inputTemplate: string,
  ) {
    super();
  }

  public bind(_rule: events.IRuleRef): events.RuleTargetInputProperties {
    return { inputPathsMap: { ...this.inputPathsMap }, inputTemplate: this.inputTemplate };
  }
}
