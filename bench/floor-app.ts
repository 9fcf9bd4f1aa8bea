#!/usr/bin/env node
/**
 * The benchmark's floor: a CDK app with one empty stack. What any CDK app pays before it creates a resource
 * (loading aws-cdk-lib, constructing the App, writing the cloud assembly, CloudFormation Validate's start-up).
 */
import { App, Stack, Validations } from 'aws-cdk-lib';

const app = new App();
const stack = new Stack(app, 'Empty');
// CloudFormation Validate rejects a template without resources (rule F0001, an error under the strict context of
// cdk.json); the floor measures the engine's work, so the finding is acknowledged rather than a resource added.
Validations.of(stack).acknowledge({
  id: 'CloudFormation-Validate::F0001',
  reason: 'The benchmark floor is an empty stack on purpose; it is never deployed.',
});
app.synth();
