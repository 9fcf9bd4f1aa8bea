/**
 * Offline rendering of what an EventBridge rule target receives for one event.
 *
 * Sources:
 * - User guide, "Amazon EventBridge input transformation" (predefined variables, examples and
 *   "Common issues with transforming input"):
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 * - API reference, InputTransformer: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html
 *
 * Target input: no Input/InputPath/InputTransformer delivers the whole event as JSON; `Input` delivers
 * that constant text; `InputPath` delivers the JSON of the selected part; at most one may be set.
 *
 * JSONPath (InputPathsMap values and InputPath): only `$`, dot notation with the documented key
 * characters (letters, digits, `_`, `-`, `/`) and array indices (`$.a[0].b`). Wildcards and bracket
 * notation throw UnsupportedJsonPathError.
 *
 * Placeholders `<name>` are replaced when `name` is a key of InputPathsMap or a predefined variable:
 * `aws.events.rule-name` / `aws.events.rule-arn` (from the options), `aws.events.event.ingestion-time`
 * (options, else the event's `time`), `aws.events.event` (the event without `detail`, per the current
 * user guide) and `aws.events.event.json` (the whole event). Any other `<...>` text, including a
 * predefined variable whose value was not supplied, is left as it is.
 *
 * Insertion depends on where the placeholder sits. A template whose first non-blank character is
 * `{`, `[` or `"` is scanned as JSON, tracking whether each placeholder lies inside a quoted string:
 * - outside quotes (a JSON value position): the JSON of the value. Strings get quotes added ("EventBridge
 *   automatically adds quotes to string variable values"), numbers/booleans/null/objects/arrays are
 *   written as JSON ("EventBridge does not add quotes to variables that represent JSON objects or arrays").
 *   The guide does not say whether the content of a string is escaped in this position; the preview writes
 *   it escaped (JSON.stringify), so it may show valid JSON where EventBridge would not.
 * - inside quotes: strings are inserted raw, exactly as extracted, because the user guide's "Common issues
 *   with transforming input" says "EventBridge doesn't escape values extracted by Input Path, when
 *   populating the Input Template". A value holding `"`, `\` or a newline therefore makes the delivered
 *   text invalid JSON, as it would be in EventBridge; the preview shows that rather than hiding it (see
 *   isJsonTemplate for the caller's check). Objects and arrays have their quotes removed, as documented:
 *   "If a JSON path references a JSON object or array, but the variable is referenced in a string,
 *   EventBridge removes any internal quotes to ensure a valid string" ({"k":"v"} becomes {k:v}).
 *   Numbers, booleans and null are written as their JSON text.
 * Any other template is plain text and delivered as-is: strings are inserted raw, other values as JSON.
 *
 * Missing path: the guide says "If you specify a variable to match a JSON path that doesn't exist in the
 * event, that variable isn't created and won't appear in the output", so the placeholder is replaced by
 * nothing (empty text) in every position. In an unquoted JSON value position that yields invalid JSON;
 * the docs do not say what EventBridge delivers then. A missing InputPath likewise renders as empty text
 * (undocumented; chosen to match the InputTransformer rule).
 */

export interface InputTransformerSpec {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface TargetInputSpec {
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformerSpec;
}

export interface RenderOptions {
  ruleName?: string;
  ruleArn?: string;
  /** ISO 8601 time for <aws.events.event.ingestion-time>; defaults to the event's `time`. */
  ingestionTime?: string;
}

export class UnsupportedJsonPathError extends Error {
  constructor(readonly jsonPath: string) {
    super(
      `JSONPath "${jsonPath}" is not supported by the offline preview ` +
        '(only $, dot notation and array indices such as $.detail.resources[0].type)',
    );
    this.name = 'UnsupportedJsonPathError';
  }
}

const SUPPORTED_PATH = /^\$(?:\.[\w/-]+|\[\d+\])*$/;
const PATH_SEGMENT = /\.([\w/-]+)|\[(\d+)\]/g;
const PLACEHOLDER = /^<([\w.-]+)>/;

export function renderTargetInput(
  target: TargetInputSpec,
  event: unknown,
  options: RenderOptions = {},
): string {
  const configured = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined);
  if (configured.length > 1) {
    throw new Error('Only one of Input, InputPath or InputTransformer can be set on an EventBridge target');
  }
  if (target.InputTransformer) return renderInputTransformer(target.InputTransformer, event, options);
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const selected = resolveJsonPath(target.InputPath, event);
    return selected === undefined ? '' : JSON.stringify(selected);
  }
  return JSON.stringify(event);
}

export function renderInputTransformer(
  transformer: InputTransformerSpec,
  event: unknown,
  options: RenderOptions = {},
): string {
  const variables = new Map<string, unknown>();
  const eventTime = isObject(event) && typeof event.time === 'string' ? event.time : undefined;
  const predefined: Record<string, unknown> = {
    'aws.events.rule-name': options.ruleName,
    'aws.events.rule-arn': options.ruleArn,
    'aws.events.event.ingestion-time': options.ingestionTime ?? eventTime,
    'aws.events.event': isObject(event) ? withoutDetail(event) : event,
    'aws.events.event.json': event,
  };
  for (const [name, value] of Object.entries(predefined)) {
    if (value !== undefined) variables.set(name, value);
  }
  // A map entry whose path is missing stays in the map with an undefined value: it renders as nothing.
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    variables.set(name, resolveJsonPath(path, event));
  }

  const template = transformer.InputTemplate;
  const json = /^\s*[{["]/.test(template);
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length;) {
    const placeholder = template[i] === '<' ? PLACEHOLDER.exec(template.slice(i)) : null;
    if (placeholder && variables.has(placeholder[1])) {
      const value = variables.get(placeholder[1]);
      output += !json ? asText(value) : inString ? asStringContent(value) : asJsonValue(value);
      i += placeholder[0].length;
      continue;
    }
    const char = template[i];
    if (json && inString && char === '\\') {
      output += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (json && char === '"') inString = !inString;
    output += char;
    i += 1;
  }
  return output;
}

/**
 * True when a template's first non-blank character is `{` or `[`, i.e. the target is meant to receive JSON. Values
 * inserted raw into quoted strings can make such a message invalid JSON; callers can check with JSON.parse.
 */
export function isJsonTemplate(template: string): boolean {
  return /^\s*[{[]/.test(template);
}

/** Resolves an InputPathsMap/InputPath JSONPath; undefined when the path is missing from the event. */
export function resolveJsonPath(path: string, event: unknown): unknown {
  if (!SUPPORTED_PATH.test(path)) throw new UnsupportedJsonPathError(path);
  let current = event;
  for (const [, key, index] of path.matchAll(PATH_SEGMENT)) {
    if (key !== undefined) {
      current = isObject(current) && Object.hasOwn(current, key) ? current[key] : undefined;
    } else {
      current = Array.isArray(current) ? current[Number(index)] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

function asJsonValue(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function asText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function asStringContent(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' && value !== null ? withoutQuotes(value) : JSON.stringify(value);
}

/** JSON text of an object or array with every double quote removed (keys and strings unquoted). */
function withoutQuotes(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(withoutQuotes).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${withoutQuotes(k)}:${withoutQuotes(v)}`)
      .join(',')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value.replaceAll('"', '')).slice(1, -1);
  return JSON.stringify(value);
}

function withoutDetail(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'detail'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
