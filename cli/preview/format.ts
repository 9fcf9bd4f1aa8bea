import type { PreviewDelivery, PreviewResult } from './preview';

/** One delivery in the `--json` output. */
export interface JsonDelivery {
  readonly stack: string;
  readonly rule: string;
  readonly route: string;
  readonly channel: string;
  readonly message: string;
  readonly via?: readonly string[];
  readonly warning?: string;
}

/** One event file in the `--json` output. */
export interface JsonResult {
  readonly file: string;
  readonly findingType: string | null;
  readonly severity: number | null;
  readonly deliveries: JsonDelivery[];
}

/** The `--json` output: one object per event file. */
export function toJson(results: readonly PreviewResult[]): JsonResult[] {
  return results.map((r) => ({
    file: r.file,
    findingType: r.findingType ?? null,
    severity: r.severity ?? null,
    deliveries: r.deliveries.map((d) => ({
      stack: d.stack,
      rule: d.rule,
      route: d.route,
      channel: d.channel,
      message: d.message,
      ...(d.via && { via: [...d.via] }),
      ...(d.warning !== undefined && { warning: d.warning }),
    })),
  }));
}

/**
 * The human-readable output: one block per event file, one sub-block per delivery with the message indented by six
 * spaces (empty lines stay empty), then a summary line.
 *
 * @param stackRegions the Region of each stack (environment-agnostic ones left out), to explain an event that no
 * stack receives
 */
export function formatText(
  results: readonly PreviewResult[],
  stackRegions: ReadonlyMap<string, string> = new Map(),
): string {
  const blocks = results.map((r) => {
    const lines = [
      r.file,
      `  Finding type: ${r.findingType ?? '(none)'}`,
      `  Severity:     ${r.severity === undefined ? '(none)' : `${r.severity} (${r.severityLabel})`}`,
    ];
    if (r.deliveries.length === 0) {
      lines.push(`  No route matches.${noReceiverNote(r, stackRegions)}`);
    }
    r.deliveries.forEach((d, i) => {
      lines.push(`  Delivery ${i + 1} of ${r.deliveries.length}`, ...deliveryLines(d));
    });
    return lines.join('\n');
  });
  const delivered = results.filter((r) => r.deliveries.length > 0).length;
  const deliveries = results.reduce((n, r) => n + r.deliveries.length, 0);
  blocks.push(
    `${results.length} event file${results.length === 1 ? '' : 's'}, ${delivered} with a delivery; ` +
      `${deliveries} ${deliveries === 1 ? 'delivery' : 'deliveries'} in all.`,
  );
  return `${blocks.join('\n\n')}\n`;
}

function deliveryLines(d: PreviewDelivery): string[] {
  const route = d.severityLabel ? `${d.route} (${d.severityLabel})` : d.route;
  const channel = d.channelType ? `${d.channel} (${d.channelType})` : d.channel;
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

/** Why nothing matched when no stack is in the event's Region. */
function noReceiverNote(r: PreviewResult, stackRegions: ReadonlyMap<string, string>): string {
  if (r.receivedBy.length > 0 || stackRegions.size === 0) return '';
  const stacks = [...stackRegions].map(([id, region]) => `${id} in ${region}`).join(', ');
  return ` No stack of the app receives events from ${r.region} (${stacks}).`;
}
