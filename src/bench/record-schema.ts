// Checks that an unknown value (an imported file, the headless runner's output) is a BenchmarkRun,
// using the shared JSON Schema in schemas/benchmark-run.schema.json so the app, the CLI and the tests
// agree on one definition. Failures read as plain sentences with JSON paths, e.g.
// "cells/3/samplesMs/0 must be number".

import Ajv, { type ErrorObject } from 'ajv';
import runSchema from '../../schemas/benchmark-run.schema.json';
import type { BenchmarkRun } from './run-record';

/** How many problems an error message lists before summarising the rest. */
const MAX_PROBLEMS_SHOWN = 5;

const validate = new Ajv({ allErrors: true }).compile<BenchmarkRun>(runSchema);

/** Returns `value` typed as a BenchmarkRun, or throws an Error that lists the first few problems. */
export function validateRunRecord(value: unknown): BenchmarkRun {
  if (validate(value)) return value;
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
