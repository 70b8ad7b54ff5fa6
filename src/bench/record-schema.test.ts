import { describe, expect, it } from 'vitest';
import runSchema from '../../schemas/benchmark-run.schema.json';
import { BACKEND_IDS } from '../core/backends';
import { validateRunRecord } from './record-schema';
import {
  RUN_RECORD_SCHEMA,
  type BackendConfig,
  type BenchCell,
  type BenchConfig,
  type BenchEnvironment,
  type BenchmarkRun,
  type CellStatus,
  type MemoryReading,
  type NativeCell,
  type NativeReference,
  type NodePlacement,
  type OperatorTime,
  type OutputAgreement,
  type Recommendation,
  type SampleStats,
  type TensorAgreement,
} from './run-record';
import { makeCell, makeRun } from './test-fixtures';

/** The parts of a JSON Schema node these tests look at. */
interface SchemaNode {
  readonly $ref?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
  readonly [otherKeyword: string]: unknown;
}

const schema: SchemaNode = runSchema;
const definitions = schema.definitions ?? {};

function definition(name: string): SchemaNode {
  const node = definitions[name];
  if (!node) throw new Error(`the schema has no definition "${name}"`);
  return node;
}

function property(node: SchemaNode, name: string): SchemaNode {
  const child = node.properties?.[name];
  if (!child) throw new Error(`the schema node has no property "${name}"`);
  return child;
}

/** Follows a local `#/definitions/…` reference; returns the node itself otherwise. */
function resolve(node: SchemaNode, visited?: Set<string>): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace('#/definitions/', '');
  visited?.add(name);
  return definition(name);
}

function without(value: object, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  delete copy[key];
  return copy;
}

function problemsOf(value: unknown): string {
  try {
    validateRunRecord(value);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the record to be rejected');
}

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

  it('names an unknown property', () => {
    const cell = { ...makeCell(), gpuName: 'x' };
    expect(problemsOf(makeRun({ cells: [cell] }))).toContain('cells/0/gpuName is not an allowed property');
  });

  it('lists the allowed values of an enum', () => {
    const cell = makeCell({ status: 'done' as CellStatus });
    expect(problemsOf(makeRun({ cells: [cell] }))).toContain(
      'cells/0/status must be one of "ok", "skipped", "failed"',
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

/** Maps each key of T to whether T requires it; assigning a literal to this checks it against the type. */
type KeyKinds<T> = { [K in keyof T]-?: object extends Pick<T, K> ? 'optional' : 'required' };

const runKeys: KeyKinds<BenchmarkRun> = {
  schema: 'required',
  id: 'required',
  label: 'required',
  startedAt: 'required',
  finishedAt: 'required',
  config: 'required',
  environment: 'required',
  cells: 'required',
  recommendations: 'required',
  mainThread: 'required',
  cancelled: 'required',
  native: 'optional',
};
const mainThreadKeys: KeyKinds<BenchmarkRun['mainThread']> = {
  longTaskCount: 'required',
  longestLongTaskMs: 'required',
};
const configKeys: KeyKinds<BenchConfig> = {
  modelIds: 'required',
  backendConfigIds: 'required',
  warmupRuns: 'required',
  runs: 'required',
  timeBudgetMs: 'optional',
  measureMemory: 'required',
  profileOperators: 'required',
  detectionSizePx: 'required',
};
const environmentKeys: KeyKinds<BenchEnvironment> = {
  userAgent: 'required',
  hardwareConcurrency: 'required',
  crossOriginIsolated: 'required',
  webgpu: 'required',
  webnn: 'required',
  libraries: 'required',
  modelSha256: 'required',
};
const webgpuKeys: KeyKinds<BenchEnvironment['webgpu']> = {
  available: 'required',
  reason: 'optional',
  vendor: 'optional',
  architecture: 'optional',
  description: 'optional',
  software: 'optional',
  shaderF16: 'optional',
  features: 'optional',
};
const webnnKeys: KeyKinds<BenchEnvironment['webnn']> = { available: 'required', reason: 'optional' };
const cellKeys: KeyKinds<BenchCell> = {
  modelId: 'required',
  backendConfig: 'required',
  status: 'required',
  reason: 'optional',
  inputDescription: 'required',
  phases: 'optional',
  warmupMs: 'required',
  samplesMs: 'required',
  stats: 'optional',
  agreement: 'optional',
  placement: 'optional',
  operatorTimes: 'optional',
  memory: 'optional',
  softwareAdapter: 'required',
};
const backendConfigKeys: KeyKinds<BackendConfig> = {
  id: 'required',
  backend: 'required',
  threads: 'required',
};
const phasesKeys: KeyKinds<NonNullable<BenchCell['phases']>> = {
  fetchMs: 'required',
  fetchSource: 'required',
  createSessionMs: 'required',
  firstInferenceMs: 'required',
};
const statsKeys: KeyKinds<SampleStats> = {
  count: 'required',
  meanMs: 'required',
  medianMs: 'required',
  p90Ms: 'required',
  p99Ms: 'required',
  minMs: 'required',
  maxMs: 'required',
  stdDevMs: 'required',
  ci95LowMs: 'required',
  ci95HighMs: 'required',
  throughputPerS: 'required',
};
const tensorKeys: KeyKinds<TensorAgreement> = {
  output: 'required',
  maxAbsDiff: 'required',
  meanAbsDiff: 'required',
  cosineSimilarity: 'required',
  nonFiniteCount: 'required',
};
const agreementKeys: KeyKinds<OutputAgreement> = {
  referenceBackendId: 'required',
  tensors: 'required',
  taskLevel: 'required',
  taskLevelAgrees: 'required',
  tolerance: 'required',
  withinTolerance: 'required',
};
const placementKeys: KeyKinds<NodePlacement> = { providers: 'required', cpuFallbackNodes: 'required' };
const providerKeys: KeyKinds<NodePlacement['providers'][number]> = {
  provider: 'required',
  nodeCount: 'required',
  opCounts: 'required',
};
const operatorTimeKeys: KeyKinds<OperatorTime> = {
  opType: 'required',
  provider: 'required',
  totalMs: 'required',
  calls: 'required',
};
const memoryKeys: KeyKinds<MemoryReading> = {
  beforeBytes: 'optional',
  afterBytes: 'optional',
  method: 'required',
};
const nativeReferenceKeys: KeyKinds<NativeReference> = {
  runtime: 'required',
  cells: 'required',
};
const nativeCellKeys: KeyKinds<NativeCell> = {
  modelId: 'required',
  threads: 'required',
  status: 'required',
  reason: 'optional',
  samplesMs: 'required',
  stats: 'optional',
  agreement: 'optional',
};
const recommendationKeys: KeyKinds<Recommendation> = {
  modelId: 'required',
  backendConfigId: 'required',
  medianMs: 'required',
  reason: 'required',
  snippet: 'required',
};

describe('the JSON Schema agrees with run-record.ts', () => {
  // Each key list is checked against its TypeScript type by tsc, and against the schema here.
  const objectShapes: ReadonlyArray<[string, SchemaNode, Readonly<Record<string, 'required' | 'optional'>>]> =
    [
      ['BenchmarkRun', schema, runKeys],
      ['BenchmarkRun.mainThread', property(schema, 'mainThread'), mainThreadKeys],
      ['BenchConfig', definition('benchConfig'), configKeys],
      ['BenchEnvironment', definition('benchEnvironment'), environmentKeys],
      ['BenchEnvironment.webgpu', property(definition('benchEnvironment'), 'webgpu'), webgpuKeys],
      ['BenchEnvironment.webnn', property(definition('benchEnvironment'), 'webnn'), webnnKeys],
      ['BenchCell', definition('benchCell'), cellKeys],
      ['BackendConfig', definition('backendConfig'), backendConfigKeys],
      ['BenchCell.phases', definition('phases'), phasesKeys],
      ['SampleStats', definition('sampleStats'), statsKeys],
      ['TensorAgreement', definition('tensorAgreement'), tensorKeys],
      ['OutputAgreement', definition('outputAgreement'), agreementKeys],
      ['NodePlacement', definition('nodePlacement'), placementKeys],
      ['NodePlacement.providers[]', property(definition('nodePlacement'), 'providers').items!, providerKeys],
      ['OperatorTime', definition('operatorTime'), operatorTimeKeys],
      ['MemoryReading', definition('memoryReading'), memoryKeys],
      ['Recommendation', definition('recommendation'), recommendationKeys],
      ['NativeReference', definition('nativeReference'), nativeReferenceKeys],
      ['NativeCell', definition('nativeCell'), nativeCellKeys],
    ];

  it.each(objectShapes)('%s: same properties, same required ones, no others allowed', (_, node, kinds) => {
    const keys = Object.keys(kinds);
    expect(Object.keys(node.properties ?? {}).sort()).toEqual([...keys].sort());
    expect([...(node.required ?? [])].sort()).toEqual(keys.filter((key) => kinds[key] === 'required').sort());
    expect(node.additionalProperties).toBe(false);
  });

  it('uses the record kind, backends, statuses and fetch sources of the TypeScript side', () => {
    const statuses: Record<CellStatus, true> = { ok: true, skipped: true, failed: true };
    const fetchSources: Record<NonNullable<BenchCell['phases']>['fetchSource'], true> = {
      network: true,
      'http-cache': true,
      memory: true,
    };
    expect(property(schema, 'schema').const).toBe(RUN_RECORD_SCHEMA);
    expect(property(definition('backendConfig'), 'backend').enum).toEqual([...BACKEND_IDS]);
    expect(property(definition('benchCell'), 'status').enum).toEqual(Object.keys(statuses));
    expect(property(definition('nativeCell'), 'status').enum).toEqual(Object.keys(statuses));
    expect(property(definition('phases'), 'fetchSource').enum).toEqual(Object.keys(fetchSources));
  });

  it('has every key of the fixture run in the schema, every required key in the fixture, and the fixture reaches every definition', () => {
    const visited = new Set<string>();
    const problems: string[] = [];
    const walk = (value: unknown, node: SchemaNode, path: string): void => {
      const resolved = resolve(node, visited);
      if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, resolved.items ?? {}, `${path}/${index}`));
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      for (const key of resolved.required ?? []) {
        if (!(key in value)) problems.push(`${path}/${key} is required by the schema but not in the fixture`);
      }
      for (const [key, child] of Object.entries(value)) {
        const childNode =
          resolved.properties?.[key] ??
          (typeof resolved.additionalProperties === 'object' ? resolved.additionalProperties : undefined);
        if (childNode) walk(child, childNode, `${path}/${key}`);
        else problems.push(`${path}/${key} is in the fixture but not in the schema`);
      }
    };
    walk(makeRun(), schema, '');
    expect(problems).toEqual([]);
    expect([...visited].sort()).toEqual(Object.keys(definitions).sort());
  });
});
