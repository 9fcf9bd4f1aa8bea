/**
 * Where the input of a validation rule sits in the caller's props or configuration, so that a rule's message names
 * each field as the caller knows it. A construct validates its props with the empty path; the app validates the
 * props it derived from its configuration file with a path whose `renames` map each prop to its field in the file.
 *
 * Paths are written `routes[0].name`: a dot before a field, brackets around an index.
 *
 * @example
 * // `archive.expiration` is `findingsArchive.expirationDays` in the file; `routes[2].name` is `alerts.routes[2].name`.
 * new FieldPath('', { 'archive.expiration': 'findingsArchive.expirationDays', routes: 'alerts.routes' });
 */
export class FieldPath {
  /** The path of the rule's input itself. */
  public readonly prefix: string;
  private readonly renames: Readonly<Record<string, string>>;

  /**
   * @param prefix the path of the rule's input
   * @param renames names to show instead of paths: for each path (with everything below it), the name to use. The
   * longest path that matches wins.
   * @default - prefix: the empty path; renames: none
   */
  constructor(prefix?: string, renames?: { [path: string]: string }) {
    this.prefix = prefix ?? '';
    this.renames = renames ?? {};
  }

  /**
   * The name of a field below this path, as the caller knows it.
   *
   * @param field a field (`name`), an index (`[0]`) or a path below this one (`criteria[1].field`)
   * @default - the name of this path itself
   */
  public name(field?: string): string {
    const full = join(this.prefix, field ?? '');
    let best: string | undefined;
    for (const path of Object.keys(this.renames)) {
      const covers = full === path || full.startsWith(`${path}.`) || full.startsWith(`${path}[`);
      if (covers && (best === undefined || path.length > best.length)) best = path;
    }
    return best === undefined ? full : `${this.renames[best]}${full.slice(best.length)}`;
  }

  /**
   * This path with more renames, relative to it: `withNames({ emailAddresses: 'notificationEmails' })` shows
   * `emailAddresses` below this path as this path's `notificationEmails` would be shown.
   *
   * @param names for each field path below this one, the field path below this one to show instead
   */
  public withNames(names: { [field: string]: string }): FieldPath {
    const added = Object.fromEntries(
      Object.entries(names).map(([field, shown]) => [join(this.prefix, field), this.name(shown)]),
    );
    return new FieldPath(this.prefix, { ...this.renames, ...added });
  }

  /** The path of a field below this one, with the same renames. */
  public child(field: string): FieldPath {
    return new FieldPath(join(this.prefix, field), this.renames);
  }
}

function join(prefix: string, field: string): string {
  if (field === '') return prefix;
  if (prefix === '' || field.startsWith('[')) return `${prefix}${field}`;
  return `${prefix}.${field}`;
}
