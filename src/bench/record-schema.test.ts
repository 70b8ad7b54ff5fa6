// The run record's one definition at work: the published JSON file is what BenchmarkRunSchema generates
// now, ajv compiles it without strict-mode warnings, a full record passes, and each kind of problem is
// rejected with a sentence a person can act on.

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import publishedSchema from '../../schemas/benchmark-run.schema.json';
import { validateRunRecord } from './record-schema';
import { runRecordSchemaFile } from './record-schema-file';
import type { BackendConfig, BenchCell, CellStatus } from './run-record';
import { makeCell, makeRun } from './test-fixtures';
import { errorMessage } from '../core/errors';

function without(value: object, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  delete copy[key];
  return copy;
}

function problemsOf(value: unknown): string {
  try {
    validateRunRecord(value);
  } catch (error) {
    return errorMessage(error);
  }
  throw new Error('expected the record to be rejected');
}

describe('schemas/benchmark-run.schema.json', () => {
  it('is what `npm run schema:write` generates from BenchmarkRunSchema now', () => {
    expect(publishedSchema, 'the file is stale: run `npm run schema:write`').toEqual(runRecordSchemaFile());
  });

  it('compiles in ajv strict mode without warnings and gives the same verdicts', () => {
    const warnings: unknown[] = [];
    const logger = { log: () => {}, warn: (...args: unknown[]) => warnings.push(args), error: console.error };
    const validate = new Ajv({ allErrors: true, logger }).compile(publishedSchema);
    expect(warnings).toEqual([]);
    expect(validate(makeRun())).toBe(true);
    expect(validate({ ...makeRun(), cells: [{ ...makeCell(), gpuName: 'x' }] })).toBe(false);
  });
});

describe('validateRunRecord', () => {
  it('accepts the fixture run and returns it unchanged', () => {
    const run = makeRun();
    expect(validateRunRecord(run)).toBe(run);
  });

  it('accepts a run with no cells and only the required environment fields', () => {
    const run = makeRun({
      cells: [],
      recommendations: [],
      environment: { ...makeRun().environment, webgpu: { available: false }, webnn: { available: false } },
    });
    expect(validateRunRecord(run)).toBe(run);
  });

  it('accepts a run without the optional native reference', () => {
    const run = without(makeRun(), 'native');
    expect(validateRunRecord(run)).toBe(run);
  });

  it("accepts a record saved before stats carried the median's interval, and rejects a malformed one", () => {
    const [cell] = makeRun().cells;
    const oldStats = without(cell?.stats ?? {}, 'medianCi95');
    const old = makeRun({ cells: [makeCell({ stats: oldStats as BenchCell['stats'] })] });
    expect(validateRunRecord(old)).toBe(old);
    const badStats = {
      ...cell?.stats,
      medianCi95: { lowMs: 20, highMs: 25, lowRank: 0, highRank: 5, coverage: 1.5 },
    };
    const bad = makeRun({ cells: [makeCell({ stats: badStats as BenchCell['stats'] })] });
    expect(problemsOf(bad)).toMatch(/medianCi95\/lowRank/);
    expect(problemsOf(bad)).toMatch(/medianCi95\/coverage/);
  });

  it("accepts a provider's label and a cell's setup snippet, both optional", () => {
    const providers = [
      { provider: 'CPUExecutionProvider', label: 'CPU (wasm)', nodeCount: 3, opCounts: { Conv: 2, Relu: 1 } },
    ] as const;
    const cell = makeCell({
      placement: { providers, cpuFallbackNodes: 0 },
      setupSnippet: "ort.InferenceSession.create(url, { executionProviders: ['wasm'] })",
    });
    const run = makeRun({ cells: [cell, makeCell()] });
    expect(validateRunRecord(run)).toBe(run);
    expect(problemsOf(makeRun({ cells: [makeCell({ setupSnippet: 42 as unknown as string })] }))).toBe(
      'Not a valid benchmark run record: cells/0/setupSnippet must be string.',
    );
  });

  it("accepts a backend config's session options as text and rejects misspelt keys and values", () => {
    const backendConfig: BackendConfig = {
      id: 'wasm-1t~opt=basic~dims=a:1;b:2',
      backend: 'wasm',
      threads: 1,
      options: { opt: 'basic', dims: 'a:1;b:2' },
    };
    const run = makeRun({ cells: [makeCell({ backendConfig })] });
    expect(validateRunRecord(run)).toBe(run);
    const misspelt = { ...backendConfig, options: { Opt: 'basic', dims: 'a:1, b:2' } };
    const message = problemsOf(makeRun({ cells: [makeCell({ backendConfig: misspelt })] }));
    expect(message).toContain('cells/0/backendConfig/options/Opt is not an allowed property');
    expect(message).toContain('cells/0/backendConfig/options/dims must match pattern');
  });

  it('names a wrong type by its JSON path', () => {
    const run = makeRun({
      cells: [makeCell(), makeCell(), makeCell(), makeCell({ samplesMs: ['12.5' as unknown as number] })],
    });
    expect(problemsOf(run)).toBe('Not a valid benchmark run record: cells/3/samplesMs/0 must be number.');
  });

  it('names a missing property with its path', () => {
    expect(problemsOf(without(makeRun(), 'label'))).toContain('label is missing');
    const cell = without(makeCell(), 'softwareAdapter') as unknown as BenchCell;
    expect(problemsOf(makeRun({ cells: [cell] }))).toContain('cells/0/softwareAdapter is missing');
  });

  it('names an unknown property, at any depth', () => {
    const cell = { ...makeCell(), gpuName: 'x' };
    expect(problemsOf(makeRun({ cells: [cell] }))).toContain('cells/0/gpuName is not an allowed property');
    const placement = {
      providers: [{ provider: 'CPUExecutionProvider', nodeCount: 1, opCounts: {}, gpu: true }],
      cpuFallbackNodes: 0,
    };
    expect(problemsOf(makeRun({ cells: [makeCell({ placement })] }))).toContain(
      'cells/0/placement/providers/0/gpu is not an allowed property',
    );
  });

  it('lists the allowed values of an enum', () => {
    const cell = makeCell({ status: 'done' as CellStatus });
    expect(problemsOf(makeRun({ cells: [cell] }))).toContain(
      'cells/0/status must be one of "ok", "skipped", "failed"',
    );
    const backendConfig = { id: 'cuda', backend: 'cuda', threads: 1 } as unknown as BackendConfig;
    expect(problemsOf(makeRun({ cells: [makeCell({ backendConfig })] }))).toContain(
      'cells/0/backendConfig/backend must be one of "wasm", "webgpu", "webnn"',
    );
  });

  it('rejects another record kind or version', () => {
    const run = { ...makeRun(), schema: 'on-device-lab/benchmark-run@2' };
    expect(problemsOf(run)).toContain('schema must be "on-device-lab/benchmark-run@1"');
  });

  it('rejects NaN that JSON turned into null, and non-integer counts', () => {
    const stats = { ...makeCell().stats!, stdDevMs: null as unknown as number, count: 2.5 };
    const message = problemsOf(makeRun({ cells: [makeCell({ stats })] }));
    expect(message).toContain('cells/0/stats/count must be integer');
    expect(message).toContain('cells/0/stats/stdDevMs must be number');
  });

  it('rejects negative counts and durations, and a backend config without threads', () => {
    const run = makeRun({
      mainThread: { longTaskCount: -1, longestLongTaskMs: -0.5 },
      cells: [makeCell({ backendConfig: { id: 'webgpu', backend: 'webgpu', threads: 0 } })],
    });
    const message = problemsOf(run);
    expect(message).toContain('mainThread/longTaskCount must be >= 0');
    expect(message).toContain('mainThread/longestLongTaskMs must be >= 0');
    expect(message).toContain('cells/0/backendConfig/threads must be >= 1');
  });

  it('rejects a model hash that is not lowercase hex sha256', () => {
    const environment = { ...makeRun().environment, modelSha256: { 'ppocr-v4-rec': 'ABC' } };
    expect(problemsOf(makeRun({ environment }))).toContain(
      'environment/modelSha256/ppocr-v4-rec must match pattern',
    );
  });

  it('says so when the value is not an object at all', () => {
    expect(problemsOf(null)).toBe('Not a valid benchmark run record: the record must be object.');
    expect(problemsOf([])).toBe('Not a valid benchmark run record: the record must be object.');
  });

  it('lists the first five problems and counts the rest', () => {
    const samplesMs = Array.from({ length: 8 }, () => 'slow' as unknown as number);
    const message = problemsOf(makeRun({ cells: [makeCell({ samplesMs })] }));
    expect(message.match(/must be number/g)).toHaveLength(5);
    expect(message).toMatch(/cells\/0\/samplesMs\/4 must be number \(and 3 more\)\.$/);
  });
});
