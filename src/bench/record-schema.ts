// Checks that an unknown value (an imported file, the headless runner's output) is a BenchmarkRun, with
// ajv compiled from BenchmarkRunSchema, the same definition the record's TypeScript types come from; and
// builds the published JSON Schema (schemas/benchmark-run.schema.json) from it, so the app, the CLI and
// external readers agree on one definition. Failures read as plain sentences with JSON paths, e.g.
// "cells/3/samplesMs/0 must be number".

import Ajv, { type ErrorObject } from 'ajv';
import { BenchmarkRunSchema, type BenchmarkRun } from './run-record';

/** How many problems an error message lists before summarising the rest. */
const MAX_PROBLEMS_SHOWN = 5;

const validate = new Ajv({ allErrors: true }).compile<BenchmarkRun>(BenchmarkRunSchema);

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

/** Keyword order in the published file: what a value is, in words, its constraints, then its children. */
const KEYWORD_ORDER = [
  '$schema',
  '$comment',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'minimum',
  'maximum',
  'items',
  'additionalProperties',
  'required',
  'properties',
];

/**
 * The published JSON Schema file's content: BenchmarkRunSchema as plain JSON (TypeBox's Symbol-keyed
 * metadata dropped, keywords in a reading order), with the draft it follows and a note that it is generated.
 */
export function runRecordSchemaFile(): Record<string, unknown> {
  const file = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment:
      "One machine-checkable description of a benchmark run record, shared by the app's import, the headless runner's output check and external tools. Generated from src/bench/run-record.ts (BenchmarkRunSchema) by `npm run schema:write`: do not edit by hand. Draft-07 because Ajv's default build supports it without extra meta-schemas.",
    ...BenchmarkRunSchema,
  };
  return JSON.parse(JSON.stringify(file, inKeywordOrder)) as Record<string, unknown>;
}

/** JSON.stringify replacer that orders each schema's keywords; a `properties` map keeps its own order. */
function inKeywordOrder(key: string, value: unknown): unknown {
  if (key === 'properties' || typeof value !== 'object' || value === null || Array.isArray(value))
    return value;
  const rank = (keyword: string): number => {
    const index = KEYWORD_ORDER.indexOf(keyword);
    return index === -1 ? KEYWORD_ORDER.length : index;
  };
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => rank(a) - rank(b)));
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
