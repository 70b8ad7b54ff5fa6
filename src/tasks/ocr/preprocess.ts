// Builds the input tensors of the three PP-OCR models the way PaddleOCR's inference scripts do
// (DetResizeForTest + NormalizeImage, ClsResizeImg, resize_norm_img). PaddleOCR reads images with
// OpenCV, so every model was trained on BGR: channel 0 of each tensor is blue.

import { float32Tensor, type TensorData } from '../../core/tensor';
import type { RgbaImage } from '../../inputs/image';
import { resizeBilinear } from './image-ops';

type ChannelTriple = readonly [number, number, number];

/** ImageNet statistics in the order PaddleOCR applies them, i.e. to B, G, R. */
const DETECTION_MEAN: ChannelTriple = [0.485, 0.456, 0.406];
const DETECTION_STD: ChannelTriple = [0.229, 0.224, 0.225];
/** Classifier and recognizer scale pixels to [-1, 1]. */
const HALF: ChannelTriple = [0.5, 0.5, 0.5];

/** The detector's input sides must be multiples of this. */
const DETECTION_STRIDE = 32;

const CLASSIFIER_INPUT_HEIGHT = 48;
const CLASSIFIER_INPUT_WIDTH = 192;
/**
 * The narrowest recognizer input; wider text widens the input. PaddleOCR pads every crop to at least 320
 * (rec_image_shape 3,48,320), which makes a short word cost as much as a long line. 160 (20 CTC steps)
 * read our fixtures as well or better: `npm run bench:e2e`, 3 rounds, on a page of 44 word boxes
 * recognition took 2210 ms instead of 3741 ms at 90.9% instead of 90.4% character accuracy; 64 was
 * faster still (1498 ms) but lost short words (89.3%).
 */
const RECOGNIZER_MIN_WIDTH = 160;

/** Python's round(): halves go to the even neighbour. */
function roundHalfToEven(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/**
 * Writes `image` into a zeroed [1, 3, planeHeight, planeWidth] buffer as (pixel / 255 - mean) / std in B, G, R
 * planes. The image fills the planes from the left; the rest stays 0 (PaddleOCR's right padding).
 */
function normalizedBgrTensor(
  image: RgbaImage,
  planeWidth: number,
  mean: ChannelTriple,
  std: ChannelTriple,
): TensorData {
  const planeHeight = image.height;
  const planeSize = planeWidth * planeHeight;
  const values = new Float32Array(3 * planeSize);
  const { data, width } = image;
  for (let y = 0; y < planeHeight; y++) {
    for (let x = 0; x < width; x++) {
      const pixel = (y * width + x) * 4;
      const position = y * planeWidth + x;
      for (let channel = 0; channel < 3; channel++) {
        // BGR plane `channel` reads RGBA byte 2 - channel.
        const value = data[pixel + 2 - channel]! / 255;
        values[channel * planeSize + position] = (value - mean[channel]!) / std[channel]!;
      }
    }
  }
  return float32Tensor(values, [1, 3, planeHeight, planeWidth]);
}

/**
 * The detector's input size for an image (PaddleOCR limit_type 'max'): shrink so the longer side is at most
 * limitSideLen (never enlarge), then round each side to the nearest multiple of 32, at least 32.
 */
export function detectionInputSize(
  width: number,
  height: number,
  limitSideLen: number,
): { width: number; height: number } {
  const ratio = Math.max(width, height) > limitSideLen ? limitSideLen / Math.max(width, height) : 1;
  const toStride = (side: number) =>
    Math.max(
      roundHalfToEven(Math.trunc(side * ratio) / DETECTION_STRIDE) * DETECTION_STRIDE,
      DETECTION_STRIDE,
    );
  return { width: toStride(width), height: toStride(height) };
}

export interface DetectionInput {
  readonly tensor: TensorData;
  /** Size of the resized image, which is also the size of the detector's probability map. */
  readonly width: number;
  readonly height: number;
}

export function detectionInput(image: RgbaImage, limitSideLen: number): DetectionInput {
  const { width, height } = detectionInputSize(image.width, image.height, limitSideLen);
  const resized = resizeBilinear(image, width, height);
  return { tensor: normalizedBgrTensor(resized, width, DETECTION_MEAN, DETECTION_STD), width, height };
}

/** Resizes to `height` keeping the aspect ratio (width rounded up), but no wider than maxWidth. */
function resizeToHeight(image: RgbaImage, height: number, maxWidth: number): RgbaImage {
  const width = Math.min(maxWidth, Math.ceil((height * image.width) / image.height));
  return resizeBilinear(image, width, height);
}

/** The angle classifier's [1, 3, 48, 192] input for one text crop. */
export function classifierInput(crop: RgbaImage): TensorData {
  const resized = resizeToHeight(crop, CLASSIFIER_INPUT_HEIGHT, CLASSIFIER_INPUT_WIDTH);
  return normalizedBgrTensor(resized, CLASSIFIER_INPUT_WIDTH, HALF, HALF);
}

/** The recognizer's input width for one crop on its own: its width at the input height, at least RECOGNIZER_MIN_WIDTH. */
export function recognitionWidth(crop: RgbaImage, height: number): number {
  return Math.max(RECOGNIZER_MIN_WIDTH, Math.trunc((height * crop.width) / crop.height));
}

/**
 * The recognizer's [1, 3, height, W] input for one text crop, as PaddleOCR's resize_norm_img: the crop
 * resized to the height (width rounded up, at most W) and padded on the right up to W. W is the crop's
 * own recognitionWidth, or, in a batch, the widest crop's.
 */
export function recognitionInput(
  crop: RgbaImage,
  height: number,
  inputWidth = recognitionWidth(crop, height),
): TensorData {
  return normalizedBgrTensor(resizeToHeight(crop, height, inputWidth), inputWidth, HALF, HALF);
}

/** Tensors of the same [1, ...] shape stacked along the first axis into one [N, ...] batch. */
export function stackBatch(tensors: readonly TensorData[]): TensorData {
  const [first] = tensors;
  if (!first) throw new Error('Cannot stack an empty batch');
  if (tensors.length === 1) return first;
  const [, ...item] = first.dims;
  const size = first.data.length;
  const values = new Float32Array(size * tensors.length);
  tensors.forEach((tensor, index) => {
    if (tensor.data.length !== size || !(tensor.data instanceof Float32Array)) {
      throw new Error(
        `Batch item ${index} is [${tensor.dims.join(', ')}], expected [${first.dims.join(', ')}]`,
      );
    }
    values.set(tensor.data, index * size);
  });
  return float32Tensor(values, [tensors.length, ...item]);
}
