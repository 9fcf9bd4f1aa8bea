#!/usr/bin/env node
import { App, Errors } from 'aws-cdk-lib';
import { buildApp } from '../app/build-app';
import { unknownContextKeyWarnings } from '../app/config/context-keys';
import { ConfigError, loadConfig } from '../app/config/load-config';
import { ThreatDetectionErrors } from 'cdk-guardduty-threat-detection';

/** Prints what the user got wrong, without a stack trace, and stops. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const app = new App();
for (const warning of unknownContextKeyWarnings(Object.keys(app.node.getAllContext() as object))) {
  console.error(warning);
}
try {
  const config = loadConfig(app.node.tryGetContext('config') ?? 'guardduty.config.json', {
    notificationEmails: app.node.tryGetContext('notificationEmails'),
  });
  buildApp(app, config);
  app.synth();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  if (ThreatDetectionErrors.isValidationError(e)) {
    const at = ThreatDetectionErrors.constructPathOf(e);
    fail(at ? `${e.message}\n  (in ${at})` : e.message);
  }
  // The checks that run when the app is synthesized (node.addValidation: template and policy quotas, one publishing
  // destination per detector) fail as aws-cdk-lib's ValidationError, whose message lists each with its construct.
  if (Errors.isValidationError(e)) fail(e.message);
  throw e;
}
