import type { Template } from 'aws-cdk-lib/assertions';

/**
 * A CloudFormation value rendered as text: `{ Ref: X }` becomes `<Ref:X>`, `{ Fn::GetAtt: [X, A] }` becomes
 * `<GetAtt:X.A>`, `Fn::Join` is joined. A token inside the Request JSON thus becomes part of a JSON string.
 */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Ref' in object) return `<Ref:${String(object.Ref)}>`;
  if ('Fn::GetAtt' in object) return `<GetAtt:${(object['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

/** One custom resource of the provider function, as the function receives it. */
export interface ProviderRequest {
  readonly logicalId: string;
  /** `Custom::GuardDuty...` */
  readonly type: string;
  /** The `Action` property. */
  readonly action: string;
  /** The `Region` property; absent: the stack's Region. */
  readonly region?: string;
  /** The `Request` property, parsed; tokens rendered as `<Ref:X>` or `<GetAtt:X.A>`. */
  readonly request: Record<string, unknown>;
}

/**
 * Every request of the provider function in a synthesized template: each `Custom::GuardDuty*` resource, in template
 * order. Fails on a provider resource without an Action or a Request.
 */
export function providerRequestsOf(template: Template): ProviderRequest[] {
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >;
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type.startsWith('Custom::GuardDuty'))
    .map(([logicalId, resource]) => {
      const properties = resource.Properties ?? {};
      if (typeof properties.Action !== 'string' || properties.Request === undefined) {
        throw new Error(`${logicalId} (${resource.Type}) has no Action or Request`);
      }
      return {
        logicalId,
        type: resource.Type,
        action: properties.Action,
        ...(properties.Region === undefined ? {} : { region: render(properties.Region) }),
        request: JSON.parse(render(properties.Request)) as Record<string, unknown>,
      };
    });
}
