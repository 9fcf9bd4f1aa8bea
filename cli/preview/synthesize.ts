import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../app/build-app';
import type { AppConfig } from '../../app/config/app-config';
import { ConfigError, loadConfig } from '../../app/config/load-config';
import { type PreviewStack, stacksOf } from './preview-model';

/**
 * `buildApp` with its options argument. `checks: false` leaves out the cdk-nag packs, which the preview does not
 * need. Assigning `buildApp` to this type compiles whether or not `buildApp` declares the argument yet; an
 * implementation without it ignores it.
 */
type BuildApp = (app: App, config: AppConfig, options?: { checks?: boolean }) => unknown;
const build: BuildApp = buildApp;

/** Where the app's configuration and CDK context come from. */
export interface SynthesizeOptions {
  /**
   * The configuration file, relative to the current directory.
   *
   * @default 'guardduty.config.json'
   */
  readonly configPath?: string;

  /**
   * The CDK context of the app.
   *
   * @default - the "context" of cdk.json in the current directory, or none when there is no cdk.json
   */
  readonly context?: Record<string, unknown>;
}

/** The "context" of a cdk.json file; empty when the file does not exist. Throws {@link ConfigError} if unreadable. */
export function cdkJsonContext(file = path.resolve('cdk.json')): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  const source = path.relative(process.cwd(), file) || file;
  try {
    const context = JSON.parse(fs.readFileSync(file, 'utf8')).context ?? {};
    if (typeof context !== 'object' || context === null || Array.isArray(context)) {
      throw new Error('"context" is not an object');
    }
    return context;
  } catch (e) {
    throw new ConfigError(source, [`the CDK context cannot be read: ${(e as Error).message}.`]);
  }
}

/**
 * Synthesizes the app in this process, as `bin/app.ts` does: `loadConfig`, then `buildApp` on an `App` with the
 * context of cdk.json and a temporary output directory, then `app.synth()`. CloudFormation Validate (the App's
 * `builtinCloudFormationValidation: false`) and the cdk-nag packs (`checks: false`) are left out: they check the
 * templates, which the preview only reads, and they take most of the synthesis time. Nothing outside the App is
 * changed, so concurrent or later synths in the same process keep their own settings.
 *
 * Returns every stack with its template read into memory; the output directory is deleted. Throws
 * {@link ConfigError} for a configuration the app rejects, and whatever `buildApp` throws (ValidationError).
 */
export function synthesizeApp(options: SynthesizeOptions = {}): PreviewStack[] {
  const config = loadConfig(options.configPath ?? 'guardduty.config.json');
  const context = options.context ?? cdkJsonContext();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-'));
  try {
    const app = new App({ outdir, context: { ...context }, builtinCloudFormationValidation: false });
    build(app, config, { checks: false });
    return stacksOf(app.synth());
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
