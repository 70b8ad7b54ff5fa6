// The decoded image type shared by image tasks: plain RGBA pixels, the layout of ImageData,
// so pure pre/post-processing runs in Node tests and in the worker alike.

export interface RgbaImageSize {
  readonly width: number;
  readonly height: number;
}

export interface RgbaImage extends RgbaImageSize {
  /** width * height * 4 bytes, row-major RGBA. */
  readonly data: Uint8ClampedArray;
}

export function createRgbaImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}
