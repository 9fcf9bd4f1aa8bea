/**
 * The stacks of any CDK app that uses the library, for `preview --cdk-out DIR` (a cloud assembly that `cdk synth`
 * wrote) and `preview --app "<command>"` (the app's command, run as the CDK CLI runs it: with `CDK_OUTDIR` set to a
 * temporary directory and the CDK context in `CDK_CONTEXT_JSON`, then the assembly read from that directory and
 * deleted). The routes and channels are whatever the app's constructs wrote into the templates and their metadata.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { type PreviewStack, stacksOf } from './preview-model';

/** The app command failed, or the directory is not a cloud assembly; the message says which and how to fix it. */
export class AssemblyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssemblyError';
  }
}

/** The stacks of the cloud assembly in `dir`, nested stages included. Throws {@link AssemblyError}. */
export function readCloudAssembly(dir: string): PreviewStack[] {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new AssemblyError(
      `${dir} is not a cloud assembly: it has no manifest.json. Give the directory that \`cdk synth\` writes ` +
        '(cdk.out unless --output or "output" in cdk.json says otherwise).',
    );
  }
  let stacks: PreviewStack[];
  try {
    stacks = stacksOf(new CloudAssembly(dir));
  } catch (e) {
    throw new AssemblyError(`The cloud assembly in ${dir} cannot be read: ${(e as Error).message}`);
  }
  if (stacks.length === 0) {
    throw new AssemblyError(`The cloud assembly in ${dir} has no stack; there is nothing to preview.`);
  }
  return stacks;
}

/** Where the app command runs, and with which CDK context. */
export interface AppCommandOptions {
  /** @default - the current directory */
  readonly cwd?: string;
  /** The CDK context given to the app in `CDK_CONTEXT_JSON`. @default {} */
  readonly context?: Record<string, unknown>;
}

/**
 * Runs the app command in a shell with `CDK_OUTDIR` set to a new temporary directory, as the CDK CLI does, and reads
 * the cloud assembly it writes there; the directory is deleted. The app's own output is shown only when it fails.
 * Throws {@link AssemblyError}.
 */
export function synthesizeAppCommand(command: string, options: AppCommandOptions = {}): PreviewStack[] {
  if (command.trim() === '')
    throw new AssemblyError('--app is empty; give the command that runs the CDK app.');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-preview-app-'));
  try {
    const result = spawnSync(command, {
      shell: true,
      cwd: options.cwd,
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(options.context ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) {
      throw new AssemblyError(`The app command "${command}" cannot be run: ${result.error.message}`);
    }
    if (result.status !== 0) {
      const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
      throw new AssemblyError(
        `The app command "${command}" failed (${result.signal ? `signal ${result.signal}` : `exit status ${result.status}`})` +
          (output === '' ? '.' : `:\n${output}`),
      );
    }
    if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
      throw new AssemblyError(
        `The app command "${command}" wrote no cloud assembly to CDK_OUTDIR. The command must run a CDK app ` +
          '(new App() without an outdir, which synthesizes on exit, or app.synth()).',
      );
    }
    return readCloudAssembly(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
