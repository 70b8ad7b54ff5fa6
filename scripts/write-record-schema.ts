// Writes schemas/benchmark-run.schema.json, the published JSON Schema of a benchmark run record, and
// src/bench/run-record-validator.generated.js, its validator compiled ahead of time, from
// BenchmarkRunSchema (src/bench/run-record.ts), formatted with the repo's Prettier settings so
// `prettier --check` passes. Run `npm run schema:write` after changing the record;
// src/bench/record-schema.test.ts fails while the committed file is stale.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { runRecordSchemaFile } from '../src/bench/record-schema-file';
import { recordValidatorCode } from './record-validator-code';

const file = fileURLToPath(new URL('../schemas/benchmark-run.schema.json', import.meta.url));
const prettierOptions = await resolveConfig(file);
writeFileSync(
  file,
  await format(JSON.stringify(runRecordSchemaFile()), { ...prettierOptions, filepath: file }),
);
console.log(`Wrote ${file}`);
const validatorFile = fileURLToPath(
  new URL('../src/bench/run-record-validator.generated.js', import.meta.url),
);
writeFileSync(validatorFile, recordValidatorCode());
console.log(`Wrote ${validatorFile}`);
