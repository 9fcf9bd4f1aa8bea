import { CfnResource, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * The advice of each construct that registered a stack check, kept in the construct tree (a construct at the stack's
 * root, one per check) rather than in a module-level registry.
 */
class StackCheck extends Construct {
  public readonly advice = new Map<IConstruct, string>();
}

/**
 * Registers, once per stack whoever calls it, a synth-time validation of the stack of `scope`; `fix` is the advice
 * for the resources under `scope`. `validate` gets every construct's advice when the app is synthesized.
 *
 * @param id the ID of the check at the stack's root, unique per check
 */
export function registerStackCheck(
  scope: IConstruct,
  id: string,
  validate: (stack: Stack, advice: ReadonlyMap<IConstruct, string>) => string[],
  fix?: string,
): void {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(id);
  let check: StackCheck;
  if (existing instanceof StackCheck) {
    check = existing;
  } else {
    check = new StackCheck(stack, id);
    const advice = check.advice;
    stack.node.addValidation({ validate: () => validate(stack, advice) });
  }
  if (fix) check.advice.set(scope, fix);
}

/** The CloudFormation resources of `stack` itself, not of its nested stacks. */
export function resourcesOf(stack: Stack): CfnResource[] {
  return stack.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
}
