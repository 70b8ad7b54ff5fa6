import { describe, expect, it } from 'vitest';
import { compareRuns, type CellComparison } from '../../src/bench/compare-runs';
import type { SetupDifference } from '../../src/bench/setup-differences';
import { makeCell, makeRun } from '../../src/bench/test-fixtures';
import { gateExitCode, gatedCellProblems } from './gate';

const wasm = makeCell();
const webgpu = makeCell({ backendConfig: { id: 'webgpu', backend: 'webgpu', threads: 1 } });
const baseline = makeRun({ cells: [wasm, webgpu] });

describe('gatedCellProblems', () => {
  it('finds none when the candidate measured every baseline cell and agrees', () => {
    const candidate = makeRun({ cells: [wasm, webgpu, makeCell({ modelId: 'new-model' })] });
    expect(gatedCellProblems(compareRuns(baseline, candidate), [candidate])).toEqual([]);
  });

  it('names a missing, a failed and a disagreeing cell, per repeat', () => {
    const failed = makeRun({ cells: [{ ...wasm, status: 'failed', reason: 'out of memory' }] });
    const disagrees = makeRun({
      cells: [
        { ...wasm, agreement: { ...wasm.agreement!, withinTolerance: false, taskLevel: "text 'Hallo'" } },
      ],
    });
    const candidates = [failed, disagrees];
    expect(gatedCellProblems(compareRuns(baseline, candidates), candidates)).toEqual([
      { modelId: 'ppocr-v4-rec', backendConfigId: 'wasm-1t', problem: 'failed in repeat 1: out of memory' },
      {
        modelId: 'ppocr-v4-rec',
        backendConfigId: 'wasm-1t',
        problem: "outputs disagree with wasm-1t in repeat 2 (text 'Hallo')",
      },
      { modelId: 'ppocr-v4-rec', backendConfigId: 'webgpu', problem: 'missing from the candidate' },
    ]);
  });

  it('does not gate a cell the baseline did not measure', () => {
    const skippedBaseline = makeRun({ cells: [{ ...wasm, status: 'skipped', reason: 'unavailable' }] });
    const failed = makeRun({ cells: [{ ...wasm, status: 'failed', reason: 'boom' }] });
    expect(gatedCellProblems(compareRuns(skippedBaseline, failed), [failed])).toEqual([]);
  });
});

describe('gateExitCode', () => {
  const refuse: SetupDifference = { what: 'cores', baseline: '8', candidate: '2', severity: 'refuse' };
  const flag: SetupDifference = { what: 'runs per cell', baseline: '5', candidate: '6', severity: 'flag' };
  const problem = { modelId: 'm', backendConfigId: 'wasm-1t', problem: 'failed' };
  const regression = { verdict: 'slower', ratio: 1.5 } as CellComparison;
  const none = { differences: [], allowDifferentSetup: false, cellProblems: [], regressions: [] };

  it('is 0 on a clean pass, also with flagged differences', () => {
    expect(gateExitCode(none)).toBe(0);
    expect(gateExitCode({ ...none, differences: [flag] })).toBe(0);
  });

  it('is 1 on a regression, 3 on a cell problem, 4 on a refusing difference, in that order of precedence', () => {
    expect(gateExitCode({ ...none, regressions: [regression] })).toBe(1);
    expect(gateExitCode({ ...none, regressions: [regression], cellProblems: [problem] })).toBe(3);
    expect(
      gateExitCode({ ...none, regressions: [regression], cellProblems: [problem], differences: [refuse] }),
    ).toBe(4);
  });

  it('lets --allow-different-setup through to the other checks', () => {
    expect(gateExitCode({ ...none, differences: [refuse], allowDifferentSetup: true })).toBe(0);
    expect(
      gateExitCode({ ...none, differences: [refuse], allowDifferentSetup: true, regressions: [regression] }),
    ).toBe(1);
  });
});
