// The consumer app with cdk-nag v3, as its README sets it up: the packs are validation plugins of aws-cdk-lib, and
// their findings are in the validation report of the cloud assembly.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { addConsumerStacks } from './consumer';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
addConsumerStacks(app);
app.synth();
