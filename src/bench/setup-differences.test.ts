import { describe, expect, it } from 'vitest';
import type { BenchmarkRun } from './run-record';
import { browserMajor, sameSetupRuns, setupDifferences, setupDifferencesAcross } from './setup-differences';
import { makeCell, makeRun } from './test-fixtures';

const base = makeRun();
const withEnvironment = (environment: Partial<BenchmarkRun['environment']>) =>
  makeRun({ environment: { ...base.environment, ...environment } });

describe('setupDifferences', () => {
  it('finds none between a run and itself', () => {
    expect(setupDifferences(base, makeRun())).toEqual([]);
  });

  it('refuses another detection size, core count, isolation, browser major version or adapter', () => {
    const other = makeRun({
      config: { ...base.config, detectionSizePx: 960 },
      environment: {
        ...base.environment,
        hardwareConcurrency: 2,
        crossOriginIsolated: false,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0',
        webgpu: { available: true, vendor: 'google', description: 'SwiftShader', software: true },
      },
    });
    expect(setupDifferences(base, other)).toEqual([
      { what: 'OCR detection size (px)', baseline: '640', candidate: '960', severity: 'refuse' },
      { what: 'cores (hardwareConcurrency)', baseline: '8', candidate: '2', severity: 'refuse' },
      { what: 'cross-origin isolated', baseline: 'true', candidate: 'false', severity: 'refuse' },
      { what: 'browser', baseline: 'Chrome 134', candidate: 'Chrome 156', severity: 'refuse' },
      {
        what: 'WebGPU adapter',
        baseline: 'intel gen-12lp Intel(R) Iris(R) Xe Graphics',
        candidate: 'google SwiftShader (software)',
        severity: 'refuse',
      },
    ]);
  });

  it('refuses another thread count behind the same backend config id', () => {
    const twoThreads = makeRun({
      cells: [makeCell({ backendConfig: { id: 'wasm', backend: 'wasm', threads: 2 } })],
    });
    const fourThreads = makeRun({
      cells: [makeCell({ backendConfig: { id: 'wasm', backend: 'wasm', threads: 4 } })],
    });
    expect(setupDifferences(twoThreads, fourThreads)).toEqual([
      { what: 'threads behind wasm', baseline: '2', candidate: '4', severity: 'refuse' },
    ]);
  });

  it('only flags what a candidate build may change on purpose, or counts', () => {
    const other = makeRun({
      config: { ...base.config, warmupRuns: 5, runs: 30 },
      environment: {
        ...base.environment,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/134.0.1.0',
        libraries: { 'onnxruntime-web': '1.31.0' },
        modelSha256: { 'ppocr-v4-rec': 'c'.repeat(64) },
      },
      cells: base.cells.map((cell) => ({ ...cell, runtimeBuild: 'jsep' })),
    });
    const found = setupDifferences(base, other);
    expect(found.every((difference) => difference.severity === 'flag')).toBe(true);
    expect(found.map((difference) => difference.what)).toEqual([
      'user agent',
      'runtime build behind wasm-1t',
      'runtime build behind webgpu',
      'runtime build behind webnn',
      'warm-up runs',
      'runs per cell',
      'onnxruntime-web version',
      'ppocr-v4-rec model file (sha256)',
    ]);
    expect(found[1]).toMatchObject({ baseline: 'jspi', candidate: 'jsep' });
  });

  it('ignores the WebGPU adapter when one side measured no WebGPU cell', () => {
    const noWebgpu = withEnvironment({ webgpu: { available: false, reason: 'no adapter' } });
    const wasmOnly = makeRun({ cells: [makeCell()] });
    expect(setupDifferences(wasmOnly, noWebgpu)).toEqual([]);
  });
});

describe('setupDifferencesAcross', () => {
  it('lists each difference of any run from the first candidate once', () => {
    const twoCores = withEnvironment({ hardwareConcurrency: 2 });
    const found = setupDifferencesAcross([twoCores, twoCores, base], [base, twoCores]);
    expect(found).toEqual([
      { what: 'cores (hardwareConcurrency)', baseline: '2', candidate: '8', severity: 'refuse' },
    ]);
  });
});

describe('browserMajor', () => {
  it('reads the Chromium major version and nothing else', () => {
    expect(
      browserMajor('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.7000.1 Safari/537.36'),
    ).toBe('Chrome 156');
    expect(
      browserMajor('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'),
    ).toBeUndefined();
  });
});

describe('sameSetupRuns', () => {
  it('pools saved runs with the same label and no setup difference, the chosen one first', () => {
    const chosen = makeRun({ id: 'a' });
    const again = makeRun({ id: 'b' });
    const otherLabel = makeRun({ id: 'c', label: 'another matrix' });
    const moreRuns = makeRun({ id: 'd', config: { ...base.config, runs: 50 } });
    expect(sameSetupRuns(chosen, [again, chosen, otherLabel, moreRuns]).map((run) => run.id)).toEqual([
      'a',
      'b',
    ]);
  });
});
