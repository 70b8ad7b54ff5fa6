// IEEE 754 half precision from and to float, for weights the optimizer stores in fp16 and for reading
// fp16 tensors back. Round to nearest even, as numpy's astype(float16) and ONNX's converters do.

const FLOAT_BITS = new DataView(new ArrayBuffer(4));

/** float → IEEE 754 half bits, rounding to nearest even; too large becomes infinity, too small zero. */
export function toHalf(value: number): number {
  FLOAT_BITS.setFloat32(0, value);
  const bits = FLOAT_BITS.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const floatExponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (floatExponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const exponent = floatExponent - 127 + 15;
  if (exponent >= 0x1f) return sign | 0x7c00;
  // Below the normal range: shift the mantissa, with its implicit 1, into a subnormal half.
  const shift = exponent <= 0 ? 14 - exponent : 13;
  if (shift > 24) return sign;
  if (exponent <= 0) mantissa |= 0x800000;
  let half = (exponent <= 0 ? 0 : exponent << 10) | (mantissa >>> shift);
  const remainder = mantissa & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  // A carry out of the mantissa moves into the exponent, which is the right rounding.
  if (remainder > halfway || (remainder === halfway && (half & 1) === 1)) half += 1;
  return sign | half;
}

/** IEEE 754 half bits → float. */
export function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
