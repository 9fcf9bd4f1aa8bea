import type { Template } from 'aws-cdk-lib/assertions';

/**
 * A CloudFormation value rendered as text: `{ Ref: X }` becomes `<Ref:X>`, `{ Fn::GetAtt: [X, A] }` becomes
 * `<GetAtt:X.A>`, `Fn::Join` is joined.
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

/** The SDK calls of one `Custom::AWS` resource, parsed from their JSON strings; absent calls are `undefined`. */
export interface SdkCalls {
  readonly Create?: Record<string, unknown>;
  readonly Update?: Record<string, unknown>;
  readonly Delete?: Record<string, unknown>;
}

/** The SDK calls of every `Custom::AWS` resource of a template, by logical ID. */
export function sdkCallsOf(template: Template): Record<string, SdkCalls> {
  const resources = template.findResources('Custom::AWS');
  return Object.fromEntries(
    Object.entries(resources).map(([id, resource]) => {
      const properties = resource.Properties as Record<string, unknown>;
      const calls: Record<string, unknown> = {};
      for (const key of ['Create', 'Update', 'Delete']) {
        if (properties[key] !== undefined) calls[key] = JSON.parse(render(properties[key]));
      }
      return [id, calls as SdkCalls];
    }),
  );
}
