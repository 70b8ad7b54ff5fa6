// Checks that an unknown value (an imported file, the headless runner's output) is a BenchmarkRun, with
// ajv's validator compiled ahead of time from BenchmarkRunSchema (run-record-validator.ts), the same
// definition the record's TypeScript types and the published JSON Schema (record-schema-file.ts) come
// from, so the app, the CLI and external readers agree on one definition. Failures read as plain sentences with JSON paths, e.g.
// "cells/3/samplesMs/0 must be number".

import type { ErrorObject } from 'ajv';
import type { BenchmarkRun } from './run-record';
import { validateRunRecordSchema as validate } from './run-record-validator';

/** How many problems an error message lists before summarising the rest. */
const MAX_PROBLEMS_SHOWN = 5;

/** Returns `value` typed as a BenchmarkRun, or throws an Error that lists the first few problems. */
export function validateRunRecord(value: unknown): BenchmarkRun {
  if (validate(value)) return value as BenchmarkRun;
  const problems = (validate.errors ?? []).map(describeProblem);
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
  const more = problems.length - shown.length;
  throw new Error(
    `Not a valid benchmark run record: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}.`,
  );
}

function describeProblem(error: ErrorObject): string {
  const path = error.instancePath.slice(1);
  const at = (child?: string): string =>
    [path, child].filter((part) => part !== undefined && part !== '').join('/') || 'the record';
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'required':
      return `${at(String(params.missingProperty))} is missing`;
    case 'additionalProperties':
      return `${at(String(params.additionalProperty))} is not an allowed property`;
    case 'enum':
      return `${at()} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at()} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${at()} ${error.message ?? 'is invalid'}`;
  }
}
