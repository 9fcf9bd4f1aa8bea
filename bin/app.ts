#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildApp } from '../app/build-app';
import { unknownContextKeyWarnings } from '../app/config/context-keys';
import { ConfigError, loadConfig } from '../app/config/load-config';
import { ValidationError } from '../src/private/validation-error';

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
  if (e instanceof ConfigError || e instanceof ValidationError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
app.synth();
