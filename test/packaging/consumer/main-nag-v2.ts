// The consumer app with cdk-nag v2, the setup most apps still have: the packs are Aspects, and their findings are
// error and warning annotations in the cloud assembly's manifest. The packaging test installs cdk-nag v2 under the
// alias cdk-nag-v2 (npm:cdk-nag@^2), next to v3; in the repository, cdk-nag-v2.d.ts stands for it.
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag-v2';
import { addConsumerStacks } from './consumer';

const app = new App();
Aspects.of(app).add(new AwsSolutionsChecks());
Aspects.of(app).add(new NIST80053R5Checks());
addConsumerStacks(app);
app.synth();
