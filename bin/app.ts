#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildApp } from '../app/build-app';
import { unknownContextKeyWarnings } from '../app/config/context-keys';
import { ConfigError, loadConfig } from '../app/config/load-config';
import { ThreatDetectionErrors } from '../src/index';

const app = new App();
for (const warning of unknownContextKeyWarnings(Object.keys(app.node.getAllContext() as object))) {
  console.error(warning);
}
try {
  const config = loadConfig(app.node.tryGetContext('config') ?? 'guardduty.config.json', {
    notificationEmails: app.node.tryGetContext('notificationEmails'),
  });
  buildApp(app, config);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  if (ThreatDetectionErrors.isValidationError(e)) {
    const at = ThreatDetectionErrors.constructPathOf(e);
    console.error(at ? `${e.message}\n  (in ${at})` : e.message);
    process.exit(1);
  }
  throw e;
}
app.synth();
