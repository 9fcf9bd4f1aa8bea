// Types of scripts/generate-config-types.mjs, for the TypeScript tests that import it.

export const REFRESH_COMMAND: string;
export const ROOT: string;
export const SCHEMA: string;
export const OUTPUT: string;
export const ROOT_TYPE: string;

export function typeNameOf(title: string): string;
export function readSchema(file?: string): Record<string, unknown>;
export function generateConfigTypes(schema?: Record<string, unknown>): Promise<string>;
