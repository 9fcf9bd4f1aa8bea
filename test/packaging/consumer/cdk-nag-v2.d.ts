// What main-nag-v2.ts uses of cdk-nag v2, for the repository's type check only: the repository installs cdk-nag v3,
// and the packaging test, which installs v2 as cdk-nag-v2, does not copy this file, so there main-nag-v2.ts is
// compiled against v2's own declarations.
declare module 'cdk-nag-v2' {
  import type { IAspect } from 'aws-cdk-lib';

  export class AwsSolutionsChecks implements IAspect {
    constructor(props?: { verbose?: boolean });
    visit(node: import('constructs').IConstruct): void;
  }

  export class NIST80053R5Checks implements IAspect {
    constructor(props?: { verbose?: boolean });
    visit(node: import('constructs').IConstruct): void;
  }
}
