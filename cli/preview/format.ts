import type { PreviewDelivery, PreviewExplanation, PreviewResult, PreviewSuppression } from './preview-model';

/** One delivery in the `--json` output. */
export interface JsonDelivery {
  readonly stack: string;
  readonly rule: string;
  readonly route: string;
  readonly channel: string;
  readonly message: string;
  readonly via?: readonly string[];
  readonly warning?: string;
  /** For an e-mail channel: its topic's e-mail subscriptions in the template (0: nobody receives it). */
  readonly subscribers?: number;
}

/** One event file in the `--json` output. */
export interface JsonResult {
  readonly file: string;
  readonly findingType: string | null;
  readonly severity: number | null;
  /** Present (true) when the file held a bare finding, which was wrapped in an event. */
  readonly wrappedFinding?: true;
  readonly deliveries: JsonDelivery[];
  /** The suppression rules that archive the finding, lowest rank first; present only when one does. */
  readonly suppressions?: PreviewSuppression[];
  /** With --explain: why each route that does not deliver the event does not match. */
  readonly explanations?: PreviewExplanation[];
}

/** The `--json` output: one object per event file. */
export function toJson(results: readonly PreviewResult[]): JsonResult[] {
  return results.map(toJsonResult);
}

/** One event file's object in the `--json` output. */
export function toJsonResult(r: PreviewResult): JsonResult {
  return {
    file: r.file,
    findingType: r.findingType ?? null,
    severity: r.severity ?? null,
    ...(r.wrappedFinding && { wrappedFinding: true as const }),
    deliveries: r.deliveries.map((d) => ({
      stack: d.stack,
      rule: d.rule,
      route: d.route,
      channel: d.channel,
      message: d.message,
      ...(d.via && { via: [...d.via] }),
      ...(d.warning !== undefined && { warning: d.warning }),
      ...(d.subscribers !== undefined && { subscribers: d.subscribers }),
    })),
    ...(r.suppressions &&
      r.suppressions.length > 0 && { suppressions: r.suppressions.map((x) => ({ ...x })) }),
    ...(r.explanations && {
      explanations: r.explanations.map((x) => ({ ...x, reasons: [...x.reasons] })),
    }),
  };
}

/**
 * The human-readable output of a whole run: see {@link TextWriter}.
 *
 * @param stackRegions the Region of each stack (environment-agnostic ones left out), to explain an event that no
 * stack receives
 */
export function formatText(
  results: readonly PreviewResult[],
  stackRegions: ReadonlyMap<string, string> = new Map(),
): string {
  const writer = new TextWriter(stackRegions);
  return results.map((r) => writer.result(r)).join('') + writer.end();
}

/** Writes a result as soon as it is known; the concatenated pieces are the output of the whole run. */
export interface OutputWriter {
  /** The output for one more event file. */
  result(r: PreviewResult): string;
  /** What follows the last event file. */
  end(): string;
}

/**
 * {@link formatText}, one event file at a time: one block per event file, one sub-block per delivery with the
 * message indented by six spaces (empty lines stay empty), blocks separated by an empty line, then a summary line.
 */
export class TextWriter implements OutputWriter {
  private files = 0;
  private delivered = 0;
  private deliveries = 0;
  private archived = 0;
  private unreceived = 0;

  constructor(private readonly stackRegions: ReadonlyMap<string, string> = new Map()) {}

  result(r: PreviewResult): string {
    const lines = [
      r.file,
      `  Finding type: ${r.findingType ?? '(none)'}`,
      `  Severity:     ${r.severity === undefined ? '(none)' : `${r.severity} (${r.severityLabel})`}`,
    ];
    if (r.wrappedFinding)
      lines.splice(1, 0, '  Input:        a bare finding, wrapped in a GuardDuty Finding event');
    const [suppression, ...others] = r.suppressions ?? [];
    if (suppression !== undefined) {
      this.archived++;
      lines.push(`  Archived by suppression rule ${suppressionText(suppression)}; no delivery.`);
      for (const other of others)
        lines.push(`  Also archived by suppression rule ${suppressionText(other)}.`);
    } else if (r.deliveries.length === 0) {
      lines.push(`  No route matches.${noReceiverNote(r, this.stackRegions)}`);
    }
    r.deliveries.forEach((d, i) => {
      lines.push(`  Delivery ${i + 1} of ${r.deliveries.length}`, ...deliveryLines(d));
    });
    if (r.explanations && r.explanations.length > 0) {
      lines.push('  Not delivered by:', ...r.explanations.map(explanationLine));
    }
    const separator = this.files === 0 ? '' : '\n\n';
    this.files++;
    if (r.deliveries.length > 0) this.delivered++;
    this.deliveries += r.deliveries.length;
    this.unreceived += r.deliveries.filter((d) => d.subscribers === 0).length;
    return separator + lines.join('\n');
  }

  end(): string {
    const { files, delivered, deliveries, archived, unreceived } = this;
    const suppressed = archived > 0 ? `, ${archived} archived by a suppression rule` : '';
    const nobody = unreceived > 0 ? ` (${unreceived} to an e-mail channel with no subscribers)` : '';
    return (
      `${files === 0 ? '' : '\n\n'}${files} event file${files === 1 ? '' : 's'}, ${delivered} with a delivery${suppressed}; ` +
      `${deliveries} ${deliveries === 1 ? 'delivery' : 'deliveries'} in all${nobody}.\n`
    );
  }
}

/**
 * The `--json` output one event file at a time: the same text as `JSON.stringify(toJson(results), null, 2)` and a
 * newline. Each object is indented by two spaces line by line; JSON.stringify escapes every newline inside a string,
 * so each "\n" it writes ends a line of the layout.
 */
export class JsonWriter implements OutputWriter {
  private files = 0;

  result(r: PreviewResult): string {
    const item = `  ${JSON.stringify(toJsonResult(r), null, 2).split('\n').join('\n  ')}`;
    return `${this.files++ === 0 ? '[\n' : ',\n'}${item}`;
  }

  end(): string {
    return this.files === 0 ? '[]\n' : '\n]\n';
  }
}

function deliveryLines(d: PreviewDelivery): string[] {
  const route = d.severityLabel ? `${d.route} (${d.severityLabel})` : d.route;
  const channel =
    (d.channelType ? `${d.channel} (${d.channelType})` : d.channel) +
    (d.subscribers === 0 ? ': no subscribers, so nobody receives this message' : '');
  return [
    `    Stack:   ${d.stack}`,
    ...(d.via ? [`    Via:     ${d.via.join(' -> ')} -> ${d.stack}`] : []),
    `    Rule:    ${d.rule}`,
    `    Route:   ${route}`,
    `    Channel: ${channel}`,
    ...(d.warning !== undefined ? [`    WARNING: ${d.warning}`] : []),
    '    Message:',
    ...d.message.split('\n').map((line) => (line === '' ? '' : `      ${line}`)),
  ];
}

function suppressionText(x: PreviewSuppression): string {
  return `${x.name} (stack ${x.stack}, ${x.filter}${x.rank === undefined ? '' : `, rank ${x.rank}`})`;
}

function explanationLine(x: PreviewExplanation): string {
  const route = x.severityLabel ? `${x.route} (${x.severityLabel})` : x.route;
  return `    ${route}, rule ${x.rule} in ${x.stack}: ${x.reasons.join('; ')}`;
}

/** Why nothing matched when no stack is in the event's Region. */
function noReceiverNote(r: PreviewResult, stackRegions: ReadonlyMap<string, string>): string {
  if (r.receivedBy.length > 0 || stackRegions.size === 0) return '';
  const stacks = [...stackRegions].map(([id, region]) => `${id} in ${region}`).join(', ');
  return ` No stack of the app receives events from ${r.region} (${stacks}).`;
}
