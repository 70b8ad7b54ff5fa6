// The 4-bit weight-only method (q4): the weights of MatMul nodes stored as 4-bit integers in blocks of
// 32 rows with a scale and zero point per block, computed by ONNX Runtime's MatMulNBits (com.microsoft),
// which its CPU and wasm builds have (transformers.js' q4 files use it). Meant for the MatMuls of
// transformer models; activations stay fp32, other operators are untouched.

import {
  dropUnusedConstants,
  makeNode,
  nameFactory,
  requireOpset,
  tensorOf,
  TensorProto_DataType,
  type ModelProto,
} from './onnx-graph';
import { quantize4BitBlocks } from './quantize-values';
import { ReportBuilder, sizeText } from './report';
import type { OptimizeReport } from './types';
import { weightMatMuls } from './weight-matmuls';

/** Rows per block. ORT's quantizer defaults to 128; 32 keeps small models' error low at +1/8 bit per weight. */
export const Q4_BLOCK_SIZE = 32;

/** Rewrites `model` in place; the report says which MatMuls now hold 4-bit weights. */
export function quantizeQ4(model: ModelProto): OptimizeReport {
  const report = new ReportBuilder('q4');
  const fresh = nameFactory(model);
  const quantized = new Map<string, readonly string[]>();
  let floatBytes = 0;
  let packedBytes = 0;
  for (const product of weightMatMuls(model, report, false)) {
    let weights = quantized.get(product.weightKey);
    if (!weights) {
      const { packed, scales, zeroPoints, blocks } = quantize4BitBlocks(
        product.weight,
        product.k,
        product.n,
        Q4_BLOCK_SIZE,
      );
      const { n } = product;
      weights = ['', '_scales', '_zero_points'].map((suffix) => fresh(`${product.baseName}_q4${suffix}`));
      product.graph.initializer.push(
        tensorOf(weights[0]!, TensorProto_DataType.UINT8, [n, blocks, Q4_BLOCK_SIZE / 2], packed),
        tensorOf(weights[1]!, TensorProto_DataType.FLOAT, [n * blocks], scales),
        tensorOf(weights[2]!, TensorProto_DataType.UINT8, [zeroPoints.length], zeroPoints),
      );
      quantized.set(product.weightKey, weights);
      floatBytes += product.weight.byteLength;
      packedBytes += packed.byteLength + scales.byteLength + zeroPoints.byteLength;
    }
    report.convert('MatMul');
    const replacement = makeNode(
      'MatMulNBits',
      [product.input, ...weights],
      product.node.output,
      product.node.name,
      { K: product.k, N: product.n, bits: 4, block_size: Q4_BLOCK_SIZE },
      'com.microsoft',
    );
    Object.assign(product.node, {
      opType: replacement.opType,
      domain: replacement.domain,
      input: replacement.input,
      attribute: replacement.attribute,
    });
  }
  if (report.convertedCount > 0) {
    requireOpset(model, 'com.microsoft', 1);
    dropUnusedConstants(model);
    report.note(
      `MatMul weights: ${sizeText(floatBytes)} fp32 → ${sizeText(packedBytes)} (4-bit, blocks of ${Q4_BLOCK_SIZE}, scale and zero point per block)`,
    );
    report.note('MatMulNBits is an ONNX Runtime operator (com.microsoft opset 1)');
  }
  return report.build();
}
