// The arithmetic of quantization, kept apart from graph rewriting so it can be checked by hand: scales,
// zero points and rounding (half to even, as numpy and ONNX Runtime's quantization tool round).

/** Rounds to the nearest integer, ties to the even one (2.5 → 2, 3.5 → 4). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Symmetric int8 per column of a row-major K×N matrix: scale[n] = max|w[·,n]| / 127 (1 for an all-zero
 * column), q = round(w / scale) in [-127, 127], zero point 0.
 */
export function quantizeInt8PerColumn(
  weight: Float32Array,
  k: number,
  n: number,
): { values: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(n);
  for (let column = 0; column < n; column += 1) {
    let absMax = 0;
    for (let row = 0; row < k; row += 1) absMax = Math.max(absMax, Math.abs(weight[row * n + column]!));
    scales[column] = absMax === 0 ? 1 : absMax / 127;
  }
  const values = Int8Array.from(weight, (value, index) =>
    clamp(roundHalfEven(value / scales[index % n]!), -127, 127),
  );
  return { values, scales };
}

/**
 * 4-bit weights in ONNX Runtime's MatMulNBits layout: per column n and block of `blockSize` rows, the
 * range [min(0, block), max(0, block)] maps to 0..15 with scale = (max − min) / 15 and zero point
 * round(−min / scale); q = round(w / scale) + zero point, clamped to 0..15. Blocks are packed two
 * values per byte, the even row in the low nibble: `packed` is N × blocks × blockSize/2 bytes, `scales`
 * N × blocks, `zeroPoints` N × ceil(blocks / 2) bytes (low nibble first). Rows past K are zeros.
 */
export function quantize4BitBlocks(
  weight: Float32Array,
  k: number,
  n: number,
  blockSize: number,
): { packed: Uint8Array; scales: Float32Array; zeroPoints: Uint8Array; blocks: number } {
  const blocks = Math.ceil(k / blockSize);
  const zeroBytesPerColumn = Math.ceil(blocks / 2);
  const packed = new Uint8Array(n * blocks * (blockSize / 2));
  const scales = new Float32Array(n * blocks);
  const zeroPoints = new Uint8Array(n * zeroBytesPerColumn);
  for (let column = 0; column < n; column += 1)
    for (let block = 0; block < blocks; block += 1) {
      const first = block * blockSize;
      const last = Math.min(k, first + blockSize);
      let low = 0;
      let high = 0;
      for (let row = first; row < last; row += 1) {
        const value = weight[row * n + column]!;
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
      const scale = high === low ? 1 : (high - low) / 15;
      const zeroPoint = clamp(roundHalfEven(-low / scale), 0, 15);
      scales[column * blocks + block] = scale;
      zeroPoints[column * zeroBytesPerColumn + (block >> 1)]! |= zeroPoint << ((block & 1) * 4);
      const base = (column * blocks + block) * (blockSize / 2);
      for (let row = first; row < first + blockSize; row += 1) {
        const value = row < last ? weight[row * n + column]! : 0;
        const q = clamp(roundHalfEven(value / scale) + zeroPoint, 0, 15);
        packed[base + ((row - first) >> 1)]! |= q << (((row - first) & 1) * 4);
      }
    }
  return { packed, scales, zeroPoints, blocks };
}
