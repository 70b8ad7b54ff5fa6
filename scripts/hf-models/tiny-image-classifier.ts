// A tiny image classifier in the Hugging Face layout, generated so the Transformers.js
// image-classification path (image processor, model, softmax, top-k) runs offline on a model whose
// right answers are known. It is ViT only by name (`model_type: "vit"`, which Transformers.js maps to
// AutoModelForImageClassification, with a ViTImageProcessor): the network averages the normalized
// image per channel and applies a written, not trained, linear head.
//
// What a solid-colour image scores, by construction:
// - The processor resizes to 32×32 (a solid image stays solid), rescales by 1/255 and normalizes with
//   mean 0.5 and std 0.5, so a channel value v in 0..255 becomes 2·v/255 − 1: 0 → −1, 255 → +1.
// - GlobalAveragePool gives the channel means (r, g, b), each in [−1, 1]; Gemm with the head gives
//   logit_k = w_k · (r, g, b) + bias_k, with (HEAD below)
//     red     =  2r −  g −  b          green  = −r + 2g −  b          blue   = −r −  g + 2b
//     yellow  =   r +  g − 2b          cyan   = −2r + g +  b          magenta =  r − 2g +  b
//     dark    = −(r + g + b)           bright =  r + g + b
//   and bias_k = −0.1·k (k the label's index: red 0 … bright 7), a small prior that breaks the ties
//   symmetry would leave (pure red is as near yellow as magenta; white is no primary colour).
// - Pure red (255, 0, 0) is (1, −1, −1): logits red 4, green −2.1, blue −2.2, yellow 1.7, cyan −4.4,
//   magenta 1.5, dark 0.4, bright −1.7, so its top five are red, yellow, magenta, dark, bright, and
//   the scores are the softmax of those eight logits (red ≈ 0.8213). White (1, 1, 1): bright 2.3, then
//   the colours at their biases (red 0, green −0.1, blue −0.2, yellow −0.3); black: dark 2.4, then
//   the same. The unit test and the browser test assert these numbers.
//
// Two dtypes, as Transformers.js names them: fp32 (onnx/model.onnx) and fp16 (onnx/model_fp16.onnx:
// the head stored in half precision and cast to float32 in the graph, so inputs and outputs stay
// float32). The head's ±1 and 2 are exact in half; the biases round by at most 1.96e-4 (−0.7 becomes
// −0.70020), so fp16 logits differ from fp32 by at most that, and a softmax score, which moves by at
// most half the largest change of a logit, by at most 9.8e-5.

import {
  int64Tensor,
  jsonBytes,
  modelBytes,
  node,
  TensorProto_DataType,
  valueInfo,
  weightsIn,
} from './onnx-builder';

export const TINY_IMAGE_CLASSIFIER_ID = 'on-device-lab/tiny-image-classifier';

/** The side the processor resizes every image to. */
export const IMAGE_SIDE = 32;

/** Each label's weights on the mean normalized (r, g, b). */
export const HEAD: ReadonlyArray<readonly [label: string, weights: readonly [number, number, number]]> = [
  ['red', [2, -1, -1]],
  ['green', [-1, 2, -1]],
  ['blue', [-1, -1, 2]],
  ['yellow', [1, 1, -2]],
  ['cyan', [-2, 1, 1]],
  ['magenta', [1, -2, 1]],
  ['dark', [-1, -1, -1]],
  ['bright', [1, 1, 1]],
];

export const TINY_IMAGE_LABELS: readonly string[] = HEAD.map(([label]) => label);

/**
 * The logits of solid colours, derived by hand as above (label order as HEAD), for the tests. The
 * graph does not use them.
 */
export const SOLID_COLOUR_LOGITS = [
  { name: 'red', rgb: [255, 0, 0], logits: [4, -2.1, -2.2, 1.7, -4.4, 1.5, 0.4, -1.7] },
  { name: 'green', rgb: [0, 255, 0], logits: [-2, 3.9, -2.2, 1.7, 1.6, -4.5, 0.4, -1.7] },
  { name: 'blue', rgb: [0, 0, 255], logits: [-2, -2.1, 3.8, -4.3, 1.6, 1.5, 0.4, -1.7] },
  { name: 'white', rgb: [255, 255, 255], logits: [0, -0.1, -0.2, -0.3, -0.4, -0.5, -3.6, 2.3] },
  { name: 'black', rgb: [0, 0, 0], logits: [0, -0.1, -0.2, -0.3, -0.4, -0.5, 2.4, -3.7] },
] as const;

/** The labels and softmax scores of `logits`, best first (ties keep label order, as ONNX TopK does). */
export function rankedScores(logits: readonly number[]): Array<{ label: string; score: number }> {
  const exps = logits.map(Math.exp);
  const sum = exps.reduce((a, b) => a + b, 0);
  return TINY_IMAGE_LABELS.map((label, i) => ({ label, score: (exps[i] ?? NaN) / sum })).sort(
    (a, b) => b.score - a.score,
  );
}

/** bias_k = −0.1·k: breaks ties in favour of the earlier label. */
const BIAS = HEAD.map((_, index) => -0.1 * index);

function graph(dtype: 'fp32' | 'fp16'): Uint8Array {
  const labels = HEAD.length;
  // Gemm's B is [3, labels]: column k is label k's weights.
  const weight = [0, 1, 2].flatMap((channel) => HEAD.map(([, weights]) => weights[channel] ?? 0));
  const weights = [
    ['head_weight', [3, labels], weight],
    ['head_bias', [labels], BIAS],
  ] as const;
  const { initializers, casts } = weightsIn(dtype, weights);
  return modelBytes({
    name: 'tiny_image_classifier',
    opset: 17,
    nodes: [
      ...casts,
      node('GlobalAveragePool', ['pixel_values'], ['channel_means']),
      node('Reshape', ['channel_means', 'flat_shape'], ['features']),
      node('Gemm', ['features', 'head_weight', 'head_bias'], ['logits']),
    ],
    initializers: [...initializers, int64Tensor('flat_shape', [2], [-1, 3])],
    inputs: [
      valueInfo('pixel_values', TensorProto_DataType.FLOAT, ['batch_size', 3, IMAGE_SIDE, IMAGE_SIDE]),
    ],
    outputs: [valueInfo('logits', TensorProto_DataType.FLOAT, ['batch_size', labels])],
  });
}

/** Every file of the model, by path inside its repository. */
export function tinyImageClassifierFiles(): Record<string, Uint8Array> {
  return {
    'config.json': jsonBytes({
      architectures: ['ViTForImageClassification'],
      model_type: 'vit',
      image_size: IMAGE_SIDE,
      num_channels: 3,
      id2label: Object.fromEntries(TINY_IMAGE_LABELS.map((label, id) => [String(id), label])),
      label2id: Object.fromEntries(TINY_IMAGE_LABELS.map((label, id) => [label, id])),
    }),
    'preprocessor_config.json': jsonBytes({
      image_processor_type: 'ViTImageProcessor',
      do_convert_rgb: true,
      do_resize: true,
      size: { height: IMAGE_SIDE, width: IMAGE_SIDE },
      resample: 2,
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      image_mean: [0.5, 0.5, 0.5],
      image_std: [0.5, 0.5, 0.5],
    }),
    'onnx/model.onnx': graph('fp32'),
    'onnx/model_fp16.onnx': graph('fp16'),
  };
}
