// The optimizer's method names, in a module of their own so the report, the methods and the entry point
// (optimize.ts) all import them without importing each other.

export const OPTIMIZE_METHODS = ['fp16', 'int8-dynamic', 'int8-static', 'q4'] as const;
export type OptimizeMethod = (typeof OPTIMIZE_METHODS)[number];
