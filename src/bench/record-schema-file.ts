// The published JSON Schema of a benchmark run record (schemas/benchmark-run.schema.json), built from
// BenchmarkRunSchema by `npm run schema:write`; src/bench/record-schema.test.ts fails while it is stale.

import { BenchmarkRunSchema } from './run-record';

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
