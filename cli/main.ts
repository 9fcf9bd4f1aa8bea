import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Errors } from 'aws-cdk-lib';
import { ConfigError } from '../app/config/load-config';
import { ThreatDetectionErrors } from 'cdk-guardduty-threat-detection';
import { AssemblyError, readCloudAssembly, synthesizeAppCommand } from './preview/assembly';
import { EventInputError, toPreviewEvent } from './preview/event-input';
import { JsonWriter, type OutputWriter, TextWriter } from './preview/format';
import { createPreviewer, type PreviewEvent, PreviewError, type PreviewStack } from './preview/preview';
import { cdkJsonContext, synthesizeApp, type SynthesizeOptions } from './preview/synthesize';

export const USAGE = `Usage: cdk-guardduty-threat-detection preview [--config PATH | --app COMMAND | --cdk-out DIR]
         [--explain] [--json] EVENT.json|DIRECTORY...

Shows which alert routes and channels of the app a GuardDuty finding event reaches, and the exact message each
channel receives, without deploying anything. By default the app of this package is synthesized in this process
from its configuration; --app and --cdk-out preview any CDK app that uses the constructs.

Arguments:
  EVENT.json      an EventBridge "GuardDuty Finding" event, or a bare finding (the event's "detail"), which is
                  wrapped in an event; a directory stands for the .json files in it, and a name with * or ? is
                  expanded in its directory if the shell did not expand it
Options:
  --config PATH   the app's configuration file (default: guardduty.config.json)
  --app COMMAND   run this command (a CDK app, as in cdk.json's "app") with CDK_OUTDIR set, as the CDK CLI does,
                  and preview the cloud assembly it writes
  --cdk-out DIR   preview the cloud assembly in DIR, written by cdk synth
  --explain       say, for each route that does not deliver an event, why its rules do not match
  --json          print a JSON array with one object per event file
  -h, --help      print this help

Suppression rules (GuardDuty filters with the ARCHIVE action) of the stacks in the finding's Region are applied:
a finding they archive is shown as archived, with no delivery.

Exit status: 0 previewed; 1 invalid arguments, configuration, app or event file; 2 the app's rules use something
the offline preview cannot evaluate (the message names the rule and the stack).
`;

/** Where the command writes, and how it gets the app's stacks (tests replace these). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly synthesize: (options: SynthesizeOptions) => PreviewStack[];
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  synthesize: synthesizeApp,
};

/** Invalid arguments: the message is followed by the usage. */
class UsageError extends Error {}

/** An event file that cannot be used. */
class InputError extends Error {}

/** Runs the command line; returns the exit status. */
export function main(argv: readonly string[], io: CliIo = defaultIo): number {
  try {
    const [command, ...rest] = argv;
    if (command === '-h' || command === '--help') {
      io.stdout(USAGE);
      return 0;
    }
    if (command !== 'preview') {
      throw new UsageError(command === undefined ? 'No command given.' : `Unknown command "${command}".`);
    }
    return preview(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n\n${USAGE}`);
      return 1;
    }
    if (
      e instanceof InputError ||
      e instanceof EventInputError ||
      e instanceof AssemblyError ||
      e instanceof ConfigError ||
      ThreatDetectionErrors.isValidationError(e) ||
      Errors.isValidationError(e)
    ) {
      io.stderr(`${e.message}\n`);
      return 1;
    }
    if (e instanceof PreviewError) {
      io.stderr(`The preview cannot evaluate the app: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function preview(args: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        config: { type: 'string' },
        app: { type: 'string' },
        'cdk-out': { type: 'string' },
        explain: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.positionals.length === 0) throw new UsageError('Give at least one event file.');
  const files = expandEventArguments(parsed.positionals);
  const { config, app, 'cdk-out': cdkOut, explain } = parsed.values;
  const sources = [config && '--config', app !== undefined && '--app', cdkOut !== undefined && '--cdk-out'];
  if (sources.filter(Boolean).length > 1) {
    throw new UsageError(
      `Give only one of ${sources.filter(Boolean).join(' and ')}: each names the app to preview.`,
    );
  }

  const stacks =
    app !== undefined
      ? synthesizeAppCommand(app, { context: cdkJsonContext() })
      : cdkOut !== undefined
        ? readCloudAssembly(cdkOut)
        : io.synthesize({ configPath: config });
  const previewEvent = createPreviewer(stacks, { explain });
  const regions = new Map(stacks.flatMap((s) => (s.region ? [[s.id, s.region] as const] : [])));
  const writer: OutputWriter = parsed.values.json ? new JsonWriter() : new TextWriter(regions);
  // One event file at a time: read, previewed, formatted and dropped, so that memory does not grow with the number
  // of files.
  const output = new ChunkedOutput(io.stdout);
  for (const file of files) output.add(writer.result(previewEvent(readEvent(file))));
  output.add(writer.end());
  output.flush();
  return 0;
}

/**
 * Output passed on in chunks of about 64 KiB, each ending with a whole event file. Memory stays flat however many
 * files there are (with 100,000 files, 1 MiB chunks lived long enough to double the peak RSS), writes are few, and
 * a run whose output fits in one chunk (some fifty files) prints nothing on stdout when it fails part-way (an event
 * file that is not JSON, a rule the preview cannot evaluate): the failure discards the chunk.
 */
class ChunkedOutput {
  private static readonly CHUNK_LENGTH = 1 << 16;
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly write: (text: string) => void) {}

  add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= ChunkedOutput.CHUNK_LENGTH) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

/** Files as given; a directory as its .json files; a name with * or ? that the shell left alone, expanded. */
export function expandEventArguments(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    const stat = fs.statSync(arg, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      const files = fs
        .readdirSync(arg)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(arg, f));
      if (files.length === 0) throw new InputError(`${arg} is a directory with no .json file in it.`);
      return files;
    }
    if (stat) return [arg];
    const dir = path.dirname(arg);
    const base = path.basename(arg);
    if (
      /[*?]/.test(base) &&
      !/[*?]/.test(dir) &&
      fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()
    ) {
      const pattern = new RegExp(
        `^${base
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      const files = fs
        .readdirSync(dir)
        .filter((f) => pattern.test(f))
        .sort()
        .map((f) => (dir === '.' && !arg.startsWith('.') ? f : path.join(dir, f)));
      if (files.length > 0) return files;
    }
    throw new InputError(`Event file ${arg} does not exist.`);
  });
}

function readEvent(file: string): PreviewEvent {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`Event file ${file} cannot be read: ${(e as Error).message}`);
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (e) {
    throw new InputError(`Event file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const input = toPreviewEvent(file, event);
  return { file, event: input.event, ...(input.wrappedFinding && { wrappedFinding: true }) };
}
