// The built-in voice-activity models: Silero VAD v5, v6 and the legacy v4, as published in the
// @ricky0123/vad-web npm package. Adding a model here (and its test) is all it takes for the catalog,
// the model cards and the benchmark to know it.

import type { ModelRecord } from '../../catalog/model-record';

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

export const VAD_MODELS: readonly ModelRecord[] = [
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
