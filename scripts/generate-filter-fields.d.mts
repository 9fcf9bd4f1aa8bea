// Types of scripts/generate-filter-fields.mjs, for the TypeScript tests that import it.

export interface SdkPackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
}

export interface FieldSource {
  readonly file: string;
  readonly shape: string;
  readonly list: string;
}

export interface FilterFieldData {
  readonly $comment: string;
  readonly sdk: { readonly package: string; readonly version: string };
  readonly sources: {
    readonly fields: FieldSource;
    readonly timestampFields: FieldSource;
    readonly numberFields: FieldSource;
  };
  readonly fields: string[];
  readonly timestampFields: string[];
  readonly numberFields: string[];
  readonly unresolvedFields: string[];
}

export type FieldKind = 'number' | 'timestamp' | 'boolean' | 'string' | 'structure' | 'other';

export const SDK_PACKAGE: string;
export const DOC_SHAPE: string;
export const DOC_MEMBER: string;
export const FINDING_SCHEMA: string;
export const REFRESH_COMMAND: string;
export const ROOT: string;
export const OUTPUT: string;

export function sdkPackage(): SdkPackage;
export function memberDocComment(dts: string, shape?: string, member?: string): string | undefined;
export function parseFilterFieldList(doc: string): {
  fields: string[];
  timestampFields: string[];
  duplicates: string[];
};
export function findFindingCriteriaDoc(sdkDir: string): { file: string; doc: string };
export function fieldKind(findingSchema: unknown, field: string): FieldKind | undefined;
export function findingSchema(): unknown;
export function buildFilterFieldData(sdk?: SdkPackage, schema?: unknown): FilterFieldData;
export function diffList(
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[]; reordered: boolean };
export function filterFieldDrift(committed: unknown, generated: FilterFieldData): string[];
export function driftMessage(drift: readonly string[], file?: string): string;
export function serialize(data: FilterFieldData): string;
