/**
 * Reads the routing metadata that the constructs write on each `AWS::Events::Rule` resource. The contract (the key,
 * the fields and the channel types) is defined once, by `RouteMetadata` and `RouteMetadataFormat` in
 * src/alerts/route-metadata.ts; every field is optional. `forwardTo` marks a rule whose targets send the event on to
 * the default event bus of another stack of the same cloud assembly (cross-Region forwarding); the targets of such a
 * rule that are not listed in `targets` are taken to be the forwarding targets.
 *
 * The reader never throws: whatever is missing is left undefined, and whatever does not follow the contract is
 * ignored and described in `problems`, so the caller can decide how loud to be.
 */
import {
  type RouteMetadata,
  RouteMetadataFormat,
  type RouteTargetMetadata,
} from 'cdk-guardduty-threat-detection';

const KEY = RouteMetadataFormat.KEY;
const CHANNEL_TYPES: readonly string[] = RouteMetadataFormat.channelTypes;

/** What one target of a rule delivers to, as read: `type` may be a string the constructs do not write. */
export interface ChannelMetadata extends Pick<RouteTargetMetadata, 'channel'> {
  /** One of `RouteMetadataFormat.channelTypes`, or another string if the template has one (reported in `problems`). */
  readonly type?: RouteTargetMetadata['type'] | string;
}

/** The routing metadata of one rule, as far as it follows the contract. */
export interface RouteMetadataReading extends Pick<RouteMetadata, 'route' | 'forwardTo'> {
  /** False when the rule carries no routing metadata at all. */
  readonly present: boolean;
  /** The severity label the metadata declares: any non-empty string, as written. */
  readonly severityLabel?: string;
  /** Channel of each target, by target `Id`. */
  readonly targets: ReadonlyMap<string, ChannelMetadata>;
  /** True when `forwardTo` is present but unusable (see `problems`). */
  readonly forwardToInvalid: boolean;
  /** Deviations from the contract, each a sentence naming the field. */
  readonly problems: readonly string[];
}

/** Reads the routing metadata of a rule resource (the template's `Resources.<logicalId>` object). */
export function readRouteMetadata(resource: unknown): RouteMetadataReading {
  const problems: string[] = [];
  const targets = new Map<string, ChannelMetadata>();
  const empty: RouteMetadataReading = { present: false, targets, forwardToInvalid: false, problems };
  const metadata = isObject(resource) ? resource.Metadata : undefined;
  if (!isObject(metadata) || metadata[KEY] === undefined) return empty;

  let raw = metadata[KEY];
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      // reported below as not an object
    }
  }
  const field = (name: string) => `Metadata["${KEY}"]${name}`;
  if (!isObject(raw)) {
    problems.push(`${field('')} is ${describe(raw)}; expected an object.`);
    return { ...empty, present: true };
  }

  const text = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    problems.push(`${field(`.${name}`)} is ${describe(value)}; expected a non-empty string.`);
    return undefined;
  };
  const route = text('route');
  const severityLabel = text('severityLabel');

  if (raw.targets !== undefined && !isObject(raw.targets)) {
    problems.push(`${field('.targets')} is ${describe(raw.targets)}; expected an object keyed by target Id.`);
  }
  for (const [id, entry] of Object.entries(isObject(raw.targets) ? raw.targets : {})) {
    const where = field(`.targets["${id}"]`);
    if (!isObject(entry) || typeof entry.channel !== 'string' || entry.channel.trim() === '') {
      problems.push(`${where} has no channel name; expected { "channel": "<name>", "type": "<type>" }.`);
      continue;
    }
    let type: string | undefined;
    if (typeof entry.type === 'string') {
      type = entry.type;
      if (!CHANNEL_TYPES.includes(type)) {
        problems.push(
          `${where}.type is ${JSON.stringify(type)}; expected one of ${CHANNEL_TYPES.join(', ')}.`,
        );
      }
    } else if (entry.type !== undefined) {
      problems.push(`${where}.type is ${describe(entry.type)}; expected one of ${CHANNEL_TYPES.join(', ')}.`);
    }
    targets.set(id, { channel: entry.channel, type });
  }

  let forwardTo: { stack: string } | undefined;
  let forwardToInvalid = false;
  if (raw.forwardTo !== undefined) {
    const stack = isObject(raw.forwardTo) ? raw.forwardTo.stack : undefined;
    if (typeof stack === 'string' && stack !== '') {
      forwardTo = { stack };
    } else {
      forwardToInvalid = true;
      problems.push(
        `${field('.forwardTo')} is ${describe(raw.forwardTo)}; expected { "stack": "<stack artifact id>" }.`,
      );
    }
  }
  return { present: true, route, severityLabel, targets, forwardTo, forwardToInvalid, problems };
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
