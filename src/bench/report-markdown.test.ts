import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs';
import {
  medianIntervalText,
  memoryText,
  runSummaryMarkdown,
  summaryTable,
  timerText,
} from './report-markdown';
import type { BenchmarkRun, BenchEnvironment, OutputAgreement } from './run-record';
import { summarize } from './statistics';
import { lineEvaluation, makeCell, makeRun } from './test-fixtures';
import { cellVariation } from './variation';

/** The run with every ok cell's samples multiplied by `factor` and its stats recomputed. */
function scaled(run: BenchmarkRun, factor: number): BenchmarkRun {
  const cells = run.cells.map((cell) => {
    if (cell.status !== 'ok') return cell;
    const samplesMs = cell.samplesMs.map((ms) => ms * factor);
    return { ...cell, samplesMs, stats: summarize(samplesMs) };
  });
  return { ...run, cells };
}

/** The table row of one backend config, found by its first two cells. */
function row(markdown: string, backendConfigId: string, modelId = 'ppocr-v4-rec'): string | undefined {
  return markdown.split('\n').find((line) => line.startsWith(`| ${modelId} | ${backendConfigId} |`));
}

const baseline = makeRun();
const candidate = scaled(baseline, 2);
const comparison = compareRuns(baseline, candidate);

function withEnvironment(environment: Partial<BenchEnvironment>): BenchmarkRun {
  return makeRun({ environment: { ...baseline.environment, ...environment } });
}

describe('runSummaryMarkdown', () => {
  const markdown = runSummaryMarkdown(candidate, { comparison });

  it('starts with the label, the date and the environment', () => {
    const [title, blank, environment] = markdown.split('\n');
    expect(title).toBe('## On-Device Lab benchmark: Laptop, battery (2025-03-14 09:26 UTC)');
    expect(blank).toBe('');
    expect(environment).toBe(
      '**Environment:** Chrome 134 on Linux · 8 logical cores · cross-origin isolated · ' +
        'WebGPU: Intel(R) Iris(R) Xe Graphics · WebNN: not available (navigator.ml is not defined)',
    );
  });

  it('has one row per cell with stats, agreement, native ratio and the baseline verdict', () => {
    expect(markdown).toContain(
      '| Model | Backend | Status | Median ms | 95% CI of median ms | p90 ms | Runs | Model file | Load ms (fetch + session) | Memory MB | Agreement (max \\|Δ\\|) | Browser/native | vs baseline (fails past +10%) |\n' +
        '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |\n',
    );
    // Doubled samples [40, 44, 42, 50, 48]: median 44, p90 49.2; five samples have no 95% order-statistic
    // interval, so min–max 40–50 covering 1 − 2/32 = 93.75%; 44 / 9.75 (native) = 4.51;
    // a 10 768 419-byte file; load 41.5 ms fetch + 212.25 ms session.
    expect(row(markdown, 'wasm-1t')).toMatch(
      /^\| ppocr-v4-rec \| wasm-1t \| ok \| 44\.00 \| 40\.00–50\.00 \(94%\) \| 49\.20 \| 5 \| 10\.77 MB \| 253\.75 \| before 52\.4, after 73\.4 \| ✓ 0 \| 4\.51× \| ❌ 2\.00×, 95% CI \d\.\d\d–\d\.\d\d× \(within one run each\), slower \|$/,
    );
    expect(row(markdown, 'webgpu')).toMatch(
      /^\| ppocr-v4-rec \| webgpu \| ok \| 17\.50 \| 17\.00–18\.50 \(94%\) \| 18\.30 \| 5 \| 10\.77 MB \| 253\.75 \| before 52\.4, after 73\.4 \| ✓ 4\.0e-4 \| 1\.79× \| ❌ 2\.00×, 95% CI \d\.\d\d–\d\.\d\d× \(within one run each\), slower \|$/,
    );
    expect(row(markdown, 'webnn')).toBe(
      '| ppocr-v4-rec | webnn | skipped | — | — | — | 0 | — | — | — | — | — | not comparable |',
    );
  });

  it('marks a significant slowdown within the threshold with ⚠️ instead of ❌', () => {
    const lenient = runSummaryMarkdown(candidate, { comparison, thresholdPct: 150 });
    expect(lenient).toContain('vs baseline (fails past +150%)');
    expect(row(lenient, 'wasm-1t')).toMatch(
      /\| ⚠️ 2\.00×, 95% CI \d\.\d\d–\d\.\d\d× \(within one run each\), slower \|$/,
    );
  });

  it('shows no change without a marker, and names cells only the baseline has', () => {
    const smaller = makeRun({ cells: baseline.cells.slice(0, 1) });
    const same = runSummaryMarkdown(smaller, { comparison: compareRuns(baseline, smaller) });
    expect(row(same, 'wasm-1t')).toMatch(
      /\| 1\.00×, 95% CI 0\.\d\d–1\.\d\d× \(within one run each\), no significant change \|$/,
    );
    expect(same).toContain(
      'In the baseline but not in this run: ppocr-v4-rec on webgpu, ppocr-v4-rec on webnn.',
    );
  });

  it('lists setup differences under the table, refusing ones marked not comparable', () => {
    const markdown = runSummaryMarkdown(candidate, {
      comparison,
      differences: [
        { what: 'cores (hardwareConcurrency)', baseline: '8', candidate: '2', severity: 'refuse' },
        { what: 'onnxruntime-web version', baseline: '1.30.0', candidate: '1.31.0', severity: 'flag' },
      ],
    });
    expect(markdown).toContain(
      '**Setup differences from the baseline:**\n\n' +
        '- ❌ cores (hardwareConcurrency): 8 in the baseline, 2 here (not comparable)\n' +
        '- ⚠️ onnxruntime-web version: 1.30.0 in the baseline, 1.31.0 here\n',
    );
    expect(runSummaryMarkdown(candidate, { comparison })).not.toContain('Setup differences');
  });

  it('adds the run-to-run CV when given variation', () => {
    const withCv = runSummaryMarkdown(candidate, { variation: cellVariation([baseline, candidate]) });
    // Medians 22 and 44: mean 33, sd 11·√2 = 15.556, CV 47.1 %.
    expect(row(withCv, 'wasm-1t')).toMatch(/\| 4\.51× \| 47\.1% \|$/);
    expect(row(withCv, 'webnn')).toMatch(/\| — \(0\/2 ok\) \|$/);
    expect(withCv).not.toContain('vs baseline');
  });

  it('leaves out the native column and section when the run has no native reference', () => {
    const browserOnly = runSummaryMarkdown({ ...baseline, native: undefined });
    expect(browserOnly).not.toContain('Browser/native');
    expect(browserOnly).not.toContain('### Native reference');
    expect(row(browserOnly, 'wasm-1t')).toBe(
      '| ppocr-v4-rec | wasm-1t | ok | 22.00 | 20.00–25.00 (94%) | 24.60 | 5 | 10.77 MB | 253.75 | before 52.4, after 73.4 | ✓ 0 |',
    );
  });

  it('shows the timer and calls per sample, and memory before, loaded, released and the WASM heap', () => {
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
    const text = runSummaryMarkdown(makeRun({ cells: [cell], native: undefined }));
    expect(text).toContain('| Timer | Memory MB |');
    expect(row(text, 'wasm-1t')).toContain(
      '| 100 µs timer (not cross-origin isolated), 20 calls per sample | before 40.0, loaded 85.2, released 41.0, WASM heap 33.6, freed by release 44.2 |',
    );
    const isolated = makeCell({
      callsPerSample: 1,
      timer: { resolutionMs: 0.005, crossOriginIsolated: true },
    });
    expect(timerText(isolated)).toBe('5 µs timer, 1 call per sample');
    expect(memoryText(makeCell({ memory: { method: 'unavailable' } }))).toBe('not measured');
  });

  it('has a native reference section with median and parity per model', () => {
    const native = {
      ...baseline.native!,
      cells: [
        baseline.native!.cells[0]!,
        {
          modelId: 'ppocr-v4-det',
          threads: 4,
          status: 'failed' as const,
          reason: 'ORT error:\nbad shape',
          samplesMs: [],
        },
      ],
    };
    const text = runSummaryMarkdown({ ...baseline, native });
    expect(text).toContain(
      "### Native reference\n\nonnxruntime-node 1.30.0, CPU, the thread counts of the browser's wasm cells.\n\n" +
        '| Model | Threads | Status | Median ms | 95% CI of median ms | Parity with the browser (max \\|Δ\\|) |\n' +
        '| --- | ---: | --- | ---: | ---: | --- |\n' +
        // The fixture's native stats were saved before the median's interval existed: a dash, no error.
        "| ppocr-v4-rec | 1 | ok | 9.75 | — | ✓ 2.0e-6 vs wasm-1t: same text: 'Hello' |\n" +
        '| ppocr-v4-det | 4 | failed | — | — | ORT error: bad shape |',
    );
  });

  it('shows a disagreeing cell with ✗ and its largest difference', () => {
    const agreement: OutputAgreement = {
      ...makeCell().agreement!,
      tensors: [
        { output: 'a', maxAbsDiff: 0.0002, meanAbsDiff: 0, cosineSimilarity: 1, nonFiniteCount: 0 },
        { output: 'b', maxAbsDiff: 0.0123, meanAbsDiff: 0.001, cosineSimilarity: 0.99, nonFiniteCount: 0 },
      ],
      withinTolerance: false,
    };
    const text = runSummaryMarkdown(makeRun({ cells: [makeCell({ agreement })] }));
    expect(row(text, 'wasm-1t')).toContain('| ✗ 1.2e-2 |');
  });

  it('lists recommendations, and skipped and failed cells with their reasons', () => {
    expect(markdown).toContain('### Recommendations\n\n- ppocr-v4-rec: **webgpu**, median 8.75 ms\n');
    expect(markdown).toContain(
      '### Skipped and failed cells\n\n- ppocr-v4-rec on webnn: skipped — WebNN is not available in this browser\n',
    );
    const failed = makeCell({ status: 'failed', reason: undefined, samplesMs: [], stats: undefined });
    const text = runSummaryMarkdown(makeRun({ cells: [failed], recommendations: [] }));
    expect(text).toContain(
      '### Recommendations\n\nNone: no cell finished with outputs that agree with the reference.',
    );
    expect(text).toContain('- ppocr-v4-rec on wasm-1t: failed — no reason recorded');
  });

  it("gives a recommendation's median interval and the configurations it was tied with", () => {
    const [recommendation] = baseline.recommendations;
    const text = runSummaryMarkdown(
      makeRun({
        recommendations: [
          {
            ...recommendation!,
            backendConfigId: 'wasm-1t',
            medianMs: 0.35,
            medianCi95: { lowMs: 0.31, highMs: 0.4, lowRank: 2, highRank: 9, coverage: 1 - 22 / 1024 },
            tiedWith: ['wasm-2t', 'webgpu'],
          },
        ],
      }),
    );
    expect(text).toContain(
      '- ppocr-v4-rec: **wasm-1t**, median 0.35 ms (95% CI of median 0.31–0.40); tied within noise with: wasm-2t, webgpu\n',
    );
  });

  it('leaves out the skipped-and-failed section when every cell is ok', () => {
    expect(runSummaryMarkdown(makeRun({ cells: [makeCell()] }))).not.toContain('Skipped and failed');
  });

  it('keeps pipes, line breaks and HTML in text from breaking the Markdown', () => {
    const cell = makeCell({ backendConfig: { id: 'webnn', backend: 'webnn', threads: 1 }, status: 'failed' });
    const text = runSummaryMarkdown(
      makeRun({ label: 'a | b\n<img src=x>', cells: [{ ...cell, reason: 'line 1\nline 2 | <b>&' }] }),
    );
    expect(text.split('\n')[0]).toBe(
      '## On-Device Lab benchmark: a \\| b &lt;img src=x&gt; (2025-03-14 09:26 UTC)',
    );
    expect(text).toContain('- ppocr-v4-rec on webnn: failed — line 1 line 2 \\| &lt;b&gt;&amp;\n');
  });

  it('notes a cancelled run', () => {
    expect(runSummaryMarkdown(makeRun({ cancelled: true }))).toContain(
      '⚠️ The run was cancelled before every cell finished.',
    );
    expect(markdown).not.toContain('cancelled');
  });

  it('notes a software WebGPU adapter, in the environment and on its cells', () => {
    const run = withEnvironment({
      webgpu: { available: true, vendor: 'google', architecture: 'swiftshader', software: true },
    });
    const text = runSummaryMarkdown({
      ...run,
      cells: [
        makeCell({ backendConfig: { id: 'webgpu', backend: 'webgpu', threads: 1 }, softwareAdapter: true }),
      ],
    });
    expect(text).toContain(
      'WebGPU: google swiftshader ⚠️ software adapter: GPU timings are not representative of real hardware',
    );
    expect(row(text, 'webgpu (software adapter)')).toBeDefined();
  });

  it('describes missing WebGPU, WebNN, isolation and other browsers', () => {
    const environment = (env: Partial<BenchEnvironment>) =>
      runSummaryMarkdown(withEnvironment(env)).split('\n')[2];
    expect(
      environment({
        userAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36 Edg/134.0.0.0',
        hardwareConcurrency: 16,
        crossOriginIsolated: false,
        webgpu: { available: false, reason: 'no adapter' },
        webnn: { available: true },
      }),
    ).toBe(
      '**Environment:** Edge 134 on Windows · 16 logical cores · not cross-origin isolated (wasm runs on one thread) · ' +
        'WebGPU: not available (no adapter) · WebNN: available',
    );
    expect(
      environment({
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0',
      }),
    ).toMatch(/^\*\*Environment:\*\* Firefox 125 on macOS · /);
    expect(
      environment({
        userAgent:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      }),
    ).toMatch(/^\*\*Environment:\*\* Safari 17\.4 on iOS · /);
    expect(environment({ userAgent: 'curl/8.5.0' })).toMatch(/^\*\*Environment:\*\* curl\/8\.5\.0 · /);
  });
});

describe('medianIntervalText', () => {
  it('prints the interval, its coverage only when under 95%, and a dash without one', () => {
    // Ten samples 1…10: ranks 2 and 9 (P(Bin(10, ½) ≤ 1) = 11/1024), coverage 97.9%: no suffix.
    expect(medianIntervalText(summarize([5, 1, 9, 3, 7, 2, 10, 4, 8, 6]).medianCi95)).toBe('2.00–9.00');
    expect(medianIntervalText(summarize([1, 2, 3]).medianCi95)).toBe('1.00–3.00 (75%)'); // 1 − 2/8
    expect(medianIntervalText(summarize([4]).medianCi95)).toBe('—');
  });
});

describe('summaryTable', () => {
  it('aligns the cells in fixed-width columns, numbers to the right', () => {
    expect(summaryTable(makeRun())).toBe(
      [
        'Model         Backend  Status   Median ms  95% CI of median ms  p90 ms  Agreement (max |Δ|)  Browser/native',
        '------------  -------  -------  ---------  -------------------  ------  -------------------  --------------',
        'ppocr-v4-rec  wasm-1t  ok           22.00    20.00–25.00 (94%)   24.60  ✓ 0                           2.26×',
        'ppocr-v4-rec  webgpu   ok            8.75      8.50–9.25 (94%)    9.15  ✓ 4.0e-4                      0.90×',
        'ppocr-v4-rec  webnn    skipped          —                    —       —  —                                 —',
      ].join('\n'),
    );
  });

  it('has no native column without a native reference', () => {
    const [header] = summaryTable({ ...makeRun({ cells: [makeCell()] }), native: undefined }).split('\n');
    expect(header).toBe(
      'Model         Backend  Status  Median ms  95% CI of median ms  p90 ms  Agreement (max |Δ|)',
    );
  });
});

describe('accuracy columns', () => {
  const fp32 = makeCell({ evaluation: lineEvaluation(0.9844) });
  const variant = makeCell({
    modelId: 'ppocr-v4-rec~int8-static',
    modelFile: { name: 'model.onnx', sha256: 'c'.repeat(64), bytes: 2_900_000 },
    evaluation: lineEvaluation(0.9719, -1.25),
  });
  const run = makeRun({ cells: [fp32, variant] });

  it('shows accuracy and its difference from fp32 in the Markdown table', () => {
    const markdown = runSummaryMarkdown(run);
    expect(markdown).toContain('| Accuracy | Δ vs fp32 |');
    expect(row(markdown, 'wasm-1t', 'ppocr-v4-rec~int8-static')).toContain(
      '| 97.19% character accuracy | −1.25 pt |',
    );
    expect(row(markdown, 'wasm-1t')).toContain('| 98.44% character accuracy | — |');
  });

  it('shows file size, accuracy and the difference in the terminal table', () => {
    const [header, , first, second] = summaryTable(run).split('\n');
    expect(header).toMatch(/File MB .*Accuracy .*Δ vs fp32/);
    expect(first).toMatch(/10\.77 .*98\.44% character accuracy +— /);
    expect(second).toMatch(/2\.90 .*97\.19% character accuracy +−1\.25 pt /);
  });

  it('leaves the columns out of a run without evaluations', () => {
    expect(runSummaryMarkdown(makeRun())).not.toContain('Accuracy');
    expect(summaryTable(makeRun())).not.toContain('File MB');
  });
});
