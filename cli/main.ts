import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Errors } from 'aws-cdk-lib';
import { ConfigError } from '../app/config/load-config';
import { ThreatDetectionErrors } from 'cdk-guardduty-threat-detection';
import { JsonWriter, type OutputWriter, TextWriter } from './preview/format';
import { createPreviewer, type PreviewEvent, PreviewError, type PreviewStack } from './preview/preview';
import { synthesizeApp, type SynthesizeOptions } from './preview/synthesize';

export const USAGE = `Usage: cdk-guardduty-threat-detection preview [--config PATH] [--json] EVENT.json|DIRECTORY...

Shows which alert routes and channels of the app a GuardDuty finding event reaches, and the exact message each
channel receives, without deploying anything. The app is synthesized in this process from the configuration.

Arguments:
  EVENT.json      an EventBridge "GuardDuty Finding" event; a directory stands for the .json files in it,
                  and a name with * or ? is expanded in its directory if the shell did not expand it
Options:
  --config PATH   the app's configuration file (default: guardduty.config.json)
  --json          print a JSON array with one object per event file
  -h, --help      print this help

Exit status: 0 previewed; 1 invalid arguments, configuration or event file; 2 the app's rules use something the
offline preview cannot evaluate (the message names the rule and the stack).
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

  const stacks = io.synthesize({ configPath: parsed.values.config });
  const previewEvent = createPreviewer(stacks);
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
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new InputError(`Event file ${file} does not hold one event (a JSON object).`);
  }
  return { file, event };
}
