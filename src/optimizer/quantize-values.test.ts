import { describe, expect, it } from 'vitest';
import { quantize4BitBlocks, quantizeInt8PerColumn, roundHalfEven } from './quantize-values';

describe('roundHalfEven', () => {
  it('rounds ties to the even integer, like numpy.rint', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6].map(roundHalfEven)).toEqual([
      0, 2, 2, 0, -2, -2, 2, 3,
    ]);
  });
});

describe('quantizeInt8PerColumn', () => {
  it('scales each column by its largest magnitude over 127 (worked by hand)', () => {
    // K=2, N=2, row-major [[1, -0.5], [-2, 0.25]]: column 0 max |w| = 2, column 1 max |w| = 0.5.
    const { values, scales } = quantizeInt8PerColumn(Float32Array.of(1, -0.5, -2, 0.25), 2, 2);
    expect(Array.from(scales)).toEqual([Math.fround(2 / 127), Math.fround(0.5 / 127)]);
    // 1 / (2/127) = 63.5 → 64 (tie to even); 0.25 / (0.5/127) = 63.5 → 64.
    expect(Array.from(values)).toEqual([64, -127, -127, 64]);
  });

  it('gives an all-zero column scale 1 and zeros', () => {
    const { values, scales } = quantizeInt8PerColumn(Float32Array.of(0, 3, 0, -3), 2, 2);
    expect(scales[0]).toBe(1);
    expect(Array.from(values)).toEqual([0, 127, 0, -127]);
  });
});

describe('quantize4BitBlocks', () => {
  it('maps a block onto 0..15 with a zero point and packs the even row in the low nibble (worked by hand)', () => {
    // One column, one block of 4: range [-1.5, 3] → scale 4.5/15 = 0.3, zero point 1.5/0.3 = 5;
    // q = w/0.3 + 5 → 0→5, 1.5→10, -1.5→0, 3→15.
    const result = quantize4BitBlocks(Float32Array.of(0, 1.5, -1.5, 3), 4, 1, 4);
    expect(result.blocks).toBe(1);
    expect(result.scales[0]).toBeCloseTo(0.3, 6);
    expect(Array.from(result.zeroPoints)).toEqual([5]);
    expect(Array.from(result.packed)).toEqual([5 | (10 << 4), 0 | (15 << 4)]);
  });

  it('pads K to whole blocks, keeps 0 in range, and packs zero points two blocks a byte per column', () => {
    // K=5, N=2, blocks of 4 → 2 blocks per column. Column 0 = [1, 2, 3, 4 | 6]; column 1 all -2.
    const weight = Float32Array.of(1, -2, 2, -2, 3, -2, 4, -2, 6, -2);
    const result = quantize4BitBlocks(weight, 5, 2, 4);
    expect(result.blocks).toBe(2);
    // Column 0: block 0 range [0, 4] (0 is always in range) → scale 4/15, zero point 0;
    // block 1 range [0, 6] → scale 6/15 = 0.4, zero point 0. Column 1: range [-2, 0] → scale 2/15,
    // zero point 15 in both blocks.
    expect(Array.from(result.scales)).toEqual(
      [4 / 15, 6 / 15, 2 / 15, 2 / 15].map((value) => Math.fround(value)),
    );
    expect(Array.from(result.zeroPoints)).toEqual([0 | (0 << 4), 15 | (15 << 4)]);
    // Column 0 block 1: 6 / 0.4 = 15 then three padded zeros → q = 0.
    expect(Array.from(result.packed.subarray(2, 4))).toEqual([15, 0]);
    // Column 1: -2 / (2/15) + 15 = 0 for real rows; padded rows (w = 0) → the zero point, 15.
    expect(Array.from(result.packed.subarray(4, 8))).toEqual([0, 0, 15 << 4, 15 | (15 << 4)]);
  });

  it('dequantizes within half a step of every weight', () => {
    const k = 70;
    const n = 3;
    const weight = Float32Array.from({ length: k * n }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 5)));
    const { packed, scales, zeroPoints, blocks } = quantize4BitBlocks(weight, k, n, 32);
    for (let column = 0; column < n; column += 1)
      for (let row = 0; row < k; row += 1) {
        const block = Math.floor(row / 32);
        const byte = packed[(column * blocks + block) * 16 + ((row % 32) >> 1)]!;
        const q = (row % 2 === 0 ? byte : byte >> 4) & 15;
        const zeroByte = zeroPoints[column * Math.ceil(blocks / 2) + (block >> 1)]!;
        const zeroPoint = (block % 2 === 0 ? zeroByte : zeroByte >> 4) & 15;
        const scale = scales[column * blocks + block]!;
        expect(Math.abs((q - zeroPoint) * scale - weight[row * n + column]!)).toBeLessThanOrEqual(
          scale / 2 + 1e-6,
        );
      }
  });
});
