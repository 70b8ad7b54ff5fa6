// Turns a user's image file into RGBA pixels inside the worker. The header is checked first, so a
// text file, a truncated PNG or a 144-megapixel image is refused with a message before any decoder
// allocates memory for it.

import { InvalidInputError } from '../core/errors';
import { assertImageSize, sniffImage } from './image-format';
import type { RgbaImage } from './image';

export async function decodeImageFile(file: Blob, fileName: string): Promise<RgbaImage> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = sniffImage(bytes, fileName);
  assertImageSize(info, fileName);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes]));
  } catch (error) {
    throw new InvalidInputError(
      `"${fileName}" looks like a ${info.format.toUpperCase()} but could not be decoded (${String(error)}). The file may be corrupt.`,
    );
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('OffscreenCanvas 2D context is unavailable in this browser');
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: pixels.width, height: pixels.height, data: pixels.data };
  } finally {
    bitmap.close();
  }
}
