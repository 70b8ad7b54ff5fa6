// The benchmark run record's validator, compiled ahead of time. Ajv compiles a schema into a function
// with \`new Function\`, which the app's Content-Security-Policy forbids (no 'unsafe-eval'); so
// \`npm run schema:write\` writes ajv's standalone code for BenchmarkRunSchema into
// run-record-validator.generated.js, and this module types it. src/bench/record-schema.test.ts fails
// while the generated file is stale.

import type { ErrorObject } from 'ajv';
import validateGenerated from './run-record-validator.generated.js';

export interface RunRecordValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const validateRunRecordSchema = validateGenerated as unknown as RunRecordValidator;
