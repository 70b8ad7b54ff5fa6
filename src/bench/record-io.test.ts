import { parse } from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, runFromJson, runToCsv, runToJson, suggestedFileName } from './record-io';
import { lineEvaluation, makeCell, makeRun } from './test-fixtures';

function parseCsv(csv: string): { fields: string[]; rows: Record<string, string>[] } {
  const result = parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return { fields: result.meta.fields ?? [], rows: result.data };
}

describe('runToJson / runFromJson', () => {
  it('round-trips a run to a deep-equal record', () => {
    const run = makeRun();
    expect(runFromJson(runToJson(run))).toStrictEqual(run);
  });

  it('writes indented JSON with keys in the order the record was built', () => {
    const run = makeRun();
    const json = runToJson(run);
    expect(json.startsWith('{\n  "schema": "on-device-lab/benchmark-run@1",\n  "id": ')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(json) as object)).toEqual(Object.keys(run));
  });

  it('reports text that is not JSON', () => {
    expect(() => runFromJson('{ "schema": ')).toThrow(/^not JSON: /);
    expect(() => runFromJson('')).toThrow(/^not JSON: /);
  });

  it('reports JSON that is not a valid run, with paths', () => {
    const json = runToJson(makeRun()).replace('"cancelled": false', '"cancelled": "no"');
    expect(() => runFromJson(json)).toThrow('cancelled must be boolean');
    expect(() => runFromJson('[1, 2]')).toThrow('the record must be object');
  });
});

describe('runToCsv', () => {
  it('writes the header and exactly one row per cell', () => {
    const run = makeRun();
    const { fields, rows } = parseCsv(runToCsv(run));
    expect(fields).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(run.cells.length);
    expect(rows.map((row) => row.backend_config)).toEqual(['wasm-1t', 'webgpu', 'webnn']);
  });

  it('fills every column of a measured cell', () => {
    const [row] = parseCsv(runToCsv(makeRun())).rows;
    expect(row).toEqual({
      run_id: 'run-2025-03-14-0001',
      label: 'Laptop, battery',
      started_at: '2025-03-14T09:26:53.589Z',
      model: 'ppocr-v4-rec',
      backend_config: 'wasm-1t',
      backend: 'wasm',
      threads: '1',
      runtime_build: 'jspi',
      status: 'ok',
      reason: '',
      input: '320×48 rendered text line',
      fetch_ms: '41.5',
      fetch_source: 'http-cache',
      runtime_start_ms: '1030.5',
      create_session_ms: '212.25',
      first_inference_ms: '38.75',
      count: '5',
      mean_ms: '22.4',
      median_ms: '22',
      median_ci95_low_ms: '20',
      median_ci95_high_ms: '25',
      median_ci95_coverage: '0.9375',
      p90_ms: '24.6',
      p99_ms: '24.96',
      min_ms: '20',
      max_ms: '25',
      std_dev_ms: '2.0736',
      mean_ci95_low_ms: '19.8253',
      mean_ci95_high_ms: '24.9747',
      throughput_per_s: '44.6429',
      max_abs_diff: '0',
      cosine_min: '1',
      within_tolerance: 'true',
      task_level: "same text: 'Hello'",
      software_adapter: 'false',
      calls_per_sample: '',
      timer_resolution_ms: '',
      cross_origin_isolated: '',
      memory_before_bytes: '52428800',
      memory_loaded_bytes: '',
      // A record from before loaded readings: its after-cell reading is the released one.
      memory_released_bytes: '73400320',
      wasm_heap_bytes: '',
      file_bytes: '10768419',
      evaluation_set: '',
      accuracy_metric: '',
      accuracy: '',
      accuracy_reference: '',
      accuracy_delta_points: '',
      evaluation_ms: '',
    });
  });

  it('writes the accuracy of an evaluated cell and its difference from fp32', () => {
    const cell = makeCell({
      evaluation: lineEvaluation(0.97, -2.5),
    });
    const [row] = parseCsv(runToCsv(makeRun({ cells: [cell] }))).rows;
    expect(row).toMatchObject({
      evaluation_set: '32 rendered lines',
      accuracy_metric: 'character accuracy',
      accuracy: '0.97',
      accuracy_reference: 'ppocr-v4-rec on wasm-1t',
      accuracy_delta_points: '-2.5',
      evaluation_ms: '1800',
    });
  });

  it('writes calls per sample, the timer and the memory readings of a cell that has them', () => {
    const cell = makeCell({
      callsPerSample: 20,
      timer: { resolutionMs: 0.1, crossOriginIsolated: false },
      memory: {
        beforeBytes: 40_000_000,
        loadedBytes: 85_200_000,
        releasedBytes: 41_000_000,
        wasmHeapBytes: 33_554_432,
        method: 'measureUserAgentSpecificMemory',
      },
    });
    const [row] = parseCsv(runToCsv(makeRun({ cells: [cell] }))).rows;
    expect(row).toMatchObject({
      calls_per_sample: '20',
      timer_resolution_ms: '0.1',
      cross_origin_isolated: 'false',
      memory_before_bytes: '40000000',
      memory_loaded_bytes: '85200000',
      memory_released_bytes: '41000000',
      wasm_heap_bytes: '33554432',
    });
  });

  it('leaves absent values empty for a skipped cell', () => {
    const row = parseCsv(runToCsv(makeRun())).rows[2]!;
    expect(row.status).toBe('skipped');
    expect(row.reason).toBe('WebNN is not available in this browser');
    const absent = Object.entries(row)
      .filter(([, value]) => value === '')
      .map(([column]) => column);
    expect(absent).toEqual([
      'runtime_build',
      'fetch_ms',
      'fetch_source',
      'runtime_start_ms',
      'create_session_ms',
      'first_inference_ms',
      'count',
      'mean_ms',
      'median_ms',
      'median_ci95_low_ms',
      'median_ci95_high_ms',
      'median_ci95_coverage',
      'p90_ms',
      'p99_ms',
      'min_ms',
      'max_ms',
      'std_dev_ms',
      'mean_ci95_low_ms',
      'mean_ci95_high_ms',
      'throughput_per_s',
      'max_abs_diff',
      'cosine_min',
      'within_tolerance',
      'task_level',
      'calls_per_sample',
      'timer_resolution_ms',
      'cross_origin_isolated',
      'memory_before_bytes',
      'memory_loaded_bytes',
      'memory_released_bytes',
      'wasm_heap_bytes',
      'file_bytes',
      'evaluation_set',
      'accuracy_metric',
      'accuracy',
      'accuracy_reference',
      'accuracy_delta_points',
      'evaluation_ms',
    ]);
  });

  it('summarises several output tensors by the largest difference and the lowest cosine', () => {
    const agreement = {
      ...makeCell().agreement!,
      tensors: [
        { output: 'a', maxAbsDiff: 0.002, meanAbsDiff: 0.001, cosineSimilarity: 0.9991, nonFiniteCount: 0 },
        { output: 'b', maxAbsDiff: 0.03, meanAbsDiff: 0.001, cosineSimilarity: 0.9999, nonFiniteCount: 0 },
      ],
      withinTolerance: false,
    };
    const [row] = parseCsv(
      runToCsv(makeRun({ cells: [makeCell({ agreement, softwareAdapter: true })] })),
    ).rows;
    expect(row?.max_abs_diff).toBe('0.03');
    expect(row?.cosine_min).toBe('0.9991');
    expect(row?.within_tolerance).toBe('false');
    expect(row?.software_adapter).toBe('true');
  });

  it('quotes commas, quotes and line breaks, and defuses text that looks like a formula', () => {
    const stats = { ...makeCell().stats!, ci95LowMs: -1.5 };
    const run = makeRun({
      label: 'say "hi",\nthen =1+1',
      cells: [makeCell({ stats, inputDescription: '=HYPERLINK("http://example.com")' })],
    });
    const [row] = parseCsv(runToCsv(run)).rows;
    expect(row?.label).toBe('say "hi",\nthen =1+1');
    expect(row?.input).toBe('\'=HYPERLINK("http://example.com")');
    expect(row?.mean_ci95_low_ms).toBe('-1.5');
  });

  it('ends every line, the last included, with CRLF', () => {
    expect(runToCsv(makeRun({ cells: [] }))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    const lines = runToCsv(makeRun()).split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });
});

describe('suggestedFileName', () => {
  it('combines the label and the start time into a file-system-safe name', () => {
    expect(suggestedFileName(makeRun(), 'json')).toBe(
      'on-device-lab-laptop-battery-2025-03-14T09-26-53.json',
    );
    expect(suggestedFileName(makeRun({ label: ' Ärger / über: "GPU"? ' }), 'csv')).toBe(
      'on-device-lab-rger-ber-gpu-2025-03-14T09-26-53.csv',
    );
  });

  it('leaves out an empty label and shortens a long one', () => {
    expect(suggestedFileName(makeRun({ label: '' }), 'csv')).toBe('on-device-lab-2025-03-14T09-26-53.csv');
    const name = suggestedFileName(makeRun({ label: 'x'.repeat(100) }), 'json');
    expect(name).toBe(`on-device-lab-${'x'.repeat(40)}-2025-03-14T09-26-53.json`);
  });
});
