import { describe, expect, it } from 'vitest';
import { toHalf } from '../../src/optimizer/float16';

describe('toHalf', () => {
  it.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [0.1, 0x2e66],
    [65504, 0x7bff],
    [65520, 0x7c00],
    [1e9, 0x7c00],
    [-Infinity, 0xfc00],
    [0, 0],
    [2 ** -24, 0x0001],
    [2 ** -14, 0x0400],
    [2 ** -15, 0x0200],
    [1e-9, 0],
    [1 + 2 ** -11, 0x3c00],
    [1 + 3 * 2 ** -11, 0x3c02],
  ])('writes %f as half bits %i', (value, bits) => {
    expect(toHalf(value)).toBe(bits);
  });
});
