import { describe, expect, it } from 'vitest';
import { cellNotice, cellNoticeLine } from './cell-notice';
import { makeCell } from './test-fixtures';

describe('cellNotice', () => {
  it('carries what the log line needs and none of the samples', () => {
    const cell = makeCell({ samplesMs: Array.from({ length: 10_000 }, (_, i) => i) });
    const notice = cellNotice(cell, 3);
    expect(notice).toEqual({
      index: 3,
      modelId: 'ppocr-v4-rec',
      backendConfigId: 'wasm-1t',
      status: 'ok',
      medianMs: 22,
      p90Ms: 24.6,
      softwareAdapter: false,
      agreement: { withinTolerance: true, referenceBackendId: 'wasm-1t', taskLevel: "same text: 'Hello'" },
    });
    // Ten thousand samples would be ~50 kB of JSON; the notice stays a few hundred bytes.
    expect(JSON.stringify(notice).length).toBeLessThan(300);
  });
});

describe('cellNoticeLine', () => {
  it('prints median, p90 and the agreement verdict of an ok cell', () => {
    expect(cellNoticeLine(cellNotice(makeCell(), 1), 2)).toBe(
      "[1/2] ppocr-v4-rec on wasm-1t: median 22.000 ms, p90 24.600 ms, agrees with wasm-1t (same text: 'Hello')",
    );
  });

  it('marks a reference cell, a software adapter and a disagreement', () => {
    const reference = makeCell({ agreement: undefined, softwareAdapter: true });
    expect(cellNoticeLine(cellNotice(reference, 2), 2)).toBe(
      '[2/2] ppocr-v4-rec on wasm-1t [software adapter]: median 22.000 ms, p90 24.600 ms, reference',
    );
    const wrong = makeCell({ agreement: { ...makeCell().agreement!, withinTolerance: false } });
    expect(cellNoticeLine(cellNotice(wrong, 1), 1)).toContain('DISAGREES with wasm-1t');
  });

  it('gives the status and reason of a cell that did not run', () => {
    const skipped = makeCell({ status: 'skipped', reason: 'WebNN is not available', stats: undefined });
    expect(cellNoticeLine(cellNotice(skipped, 4), 6)).toBe(
      '[4/6] ppocr-v4-rec on wasm-1t: skipped — WebNN is not available',
    );
  });
});
