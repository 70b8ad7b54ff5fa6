// The app's run-record validator is compiled ahead of time (src/bench/run-record-validator.ts); this
// fails while the committed code is not what \`npm run schema:write\` writes from the schema now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordValidatorCode } from './record-validator-code';

describe('src/bench/run-record-validator.generated.js', () => {
  it('is what `npm run schema:write` generates from BenchmarkRunSchema now', () => {
    const generated = readFileSync(
      new URL('../src/bench/run-record-validator.generated.js', import.meta.url),
      'utf8',
    );
    expect(generated === recordValidatorCode(), 'the validator is stale: run `npm run schema:write`').toBe(
      true,
    );
  });

  it('requires no module and compiles nothing at run time', () => {
    const code = recordValidatorCode();
    expect(code).not.toMatch(/require\(|new Function|\beval\(/);
  });
});
