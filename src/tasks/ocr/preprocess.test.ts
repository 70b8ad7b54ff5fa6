import { describe, expect, it } from 'vitest';
import { float32Tensor, type TensorData } from '../../core/tensor';
import { createRgbaImage, type RgbaImage } from '../../inputs/image';
import {
  classifierInput,
  detectionInput,
  detectionInputSize,
  recognitionInput,
  stackBatch,
} from './preprocess';

/** An image of one colour. */
function solidImage(width: number, height: number, [r, g, b]: [number, number, number]): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let i = 0; i < width * height; i++) image.data.set([r, g, b, 255], i * 4);
  return image;
}

/** Value at (channel, y, x) of a [1, 3, H, W] float32 tensor. */
function at(tensor: TensorData, channel: number, y: number, x: number): number {
  const [, , height = 0, width = 0] = tensor.dims;
  if (!(tensor.data instanceof Float32Array)) throw new Error(`expected float32, got ${tensor.type}`);
  return tensor.data[(channel * height + y) * width + x]!;
}

const orange: [number, number, number] = [255, 128, 0];

describe('detectionInputSize', () => {
  it('shrinks the longer side to the limit and keeps multiples of 32', () => {
    expect(detectionInputSize(1000, 500, 960)).toEqual({ width: 960, height: 480 });
    // 500 * 0.48 = 240 and 240 / 32 = 7.5, which Python rounds to 8.
    expect(detectionInputSize(500, 2000, 960)).toEqual({ width: 256, height: 960 });
  });

  it('does not enlarge small images, but rounds each side to a multiple of 32, at least 32', () => {
    // 50 / 32 = 1.56 -> 2, 20 / 32 = 0.63 -> 1.
    expect(detectionInputSize(50, 20, 960)).toEqual({ width: 64, height: 32 });
    expect(detectionInputSize(10, 3, 960)).toEqual({ width: 32, height: 32 });
    expect(detectionInputSize(640, 480, 960)).toEqual({ width: 640, height: 480 });
  });

  it('rounds halves to even like Python', () => {
    // 80 / 32 = 2.5 -> 2, 112 / 32 = 3.5 -> 4.
    expect(detectionInputSize(80, 112, 960)).toEqual({ width: 64, height: 128 });
  });
});

describe('detectionInput', () => {
  it('normalizes with ImageNet statistics in BGR order', () => {
    const input = detectionInput(solidImage(50, 20, orange), 960);
    expect([input.width, input.height]).toEqual([64, 32]);
    expect(input.tensor.dims).toEqual([1, 3, 32, 64]);
    expect(input.tensor.type).toBe('float32');
    // Channel 0 is blue (0), 1 green (128), 2 red (255).
    for (const [x, y] of [
      [0, 0],
      [63, 31],
    ] as const) {
      expect(at(input.tensor, 0, y, x)).toBeCloseTo((0 - 0.485) / 0.229, 5);
      expect(at(input.tensor, 1, y, x)).toBeCloseTo((128 / 255 - 0.456) / 0.224, 5);
      expect(at(input.tensor, 2, y, x)).toBeCloseTo((1 - 0.406) / 0.225, 5);
    }
  });
});

describe('classifierInput', () => {
  it('resizes to height 48 keeping the aspect ratio and pads to 192 with zeros', () => {
    const input = classifierInput(solidImage(20, 10, orange));
    expect(input.dims).toEqual([1, 3, 48, 192]);
    // Width ceil(48 * 2) = 96: columns 0..95 hold the crop scaled to [-1, 1], the rest is 0.
    expect(at(input, 0, 0, 0)).toBeCloseTo(-1, 6);
    expect(at(input, 1, 47, 95)).toBeCloseTo((128 / 255 - 0.5) / 0.5, 6);
    expect(at(input, 2, 20, 95)).toBeCloseTo(1, 6);
    expect(at(input, 2, 20, 96)).toBe(0);
    expect(at(input, 0, 47, 191)).toBe(0);
  });

  it('squeezes crops wider than 4:1 into 192 columns', () => {
    const input = classifierInput(solidImage(100, 10, orange));
    expect(input.dims).toEqual([1, 3, 48, 192]);
    expect(at(input, 2, 47, 191)).toBeCloseTo(1, 6);
  });
});

describe('recognitionInput', () => {
  it('pads short crops to width 160', () => {
    const input = recognitionInput(solidImage(20, 10, orange), 48);
    expect(input.dims).toEqual([1, 3, 48, 160]);
    expect(at(input, 0, 10, 95)).toBeCloseTo(-1, 6);
    expect(at(input, 2, 10, 95)).toBeCloseTo(1, 6);
    expect(at(input, 2, 10, 96)).toBe(0);
  });

  it('widens the input for long crops', () => {
    // Aspect 10: width 48 * 10 = 480, no padding.
    const input = recognitionInput(solidImage(100, 10, orange), 48);
    expect(input.dims).toEqual([1, 3, 48, 480]);
    expect(at(input, 2, 47, 479)).toBeCloseTo(1, 6);
  });

  it('fits the resized crop into the truncated input width', () => {
    // Aspect 7.3: 48 * 7.3 = 350.4, so the input is 350 wide and the crop (ceil 351) is squeezed into it.
    const input = recognitionInput(solidImage(73, 10, orange), 48);
    expect(input.dims).toEqual([1, 3, 48, 350]);
    expect(at(input, 2, 0, 349)).toBeCloseTo(1, 6);
  });

  it('uses the requested height', () => {
    expect(recognitionInput(solidImage(20, 10, orange), 32).dims).toEqual([1, 3, 32, 160]);
  });
});

describe('stackBatch', () => {
  it('stacks same-shaped inputs along the first axis, in order', () => {
    const a = float32Tensor(Float32Array.of(1, 2, 3, 4), [1, 1, 2, 2]);
    const b = float32Tensor(Float32Array.of(5, 6, 7, 8), [1, 1, 2, 2]);
    const batch = stackBatch([a, b]);
    expect(batch.dims).toEqual([2, 1, 2, 2]);
    expect(Array.from(batch.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(stackBatch([a])).toBe(a);
  });

  it('refuses items of another size, naming the item', () => {
    const a = float32Tensor(new Float32Array(4), [1, 1, 2, 2]);
    const wider = float32Tensor(new Float32Array(6), [1, 1, 2, 3]);
    expect(() => stackBatch([a, wider])).toThrow('Batch item 1 is [1, 1, 2, 3], expected [1, 1, 2, 2]');
    expect(() => stackBatch([])).toThrow('Cannot stack an empty batch');
  });
});
