// The int8 dynamic method: the weights of MatMul and Gemm quantized to int8 ahead of time (symmetric,
// one scale per output column), the activations quantized at run time. Each product becomes ONNX
// Runtime's DynamicQuantizeMatMul (com.microsoft), which its CPU and wasm builds have and which needs no
// particular ONNX opset, so it applies to the opset-9 PP-OCR models as they are. Convolutions are left
// in fp32 (ORT's quantization tool does the same by default; int8-static quantizes them).

import {
  allGraphs,
  dropUnusedConstants,
  mainGraph,
  nameFactory,
  requireOpset,
  tensorOf,
  TensorProto_DataType,
  type ModelProto,
} from './onnx-graph';
import { quantizeInt8PerColumn } from './quantize-values';
import { ReportBuilder, sizeText } from './report';
import type { OptimizeReport } from './types';
import { weightMatMuls } from './weight-matmuls';

/** Operators int8-dynamic leaves in fp32 on purpose, and why. */
const LEFT_IN_FLOAT = new Map([
  ['Conv', 'int8-dynamic quantizes MatMul and Gemm weights only; int8-static quantizes convolutions'],
  ['ConvTranspose', 'int8-dynamic quantizes MatMul and Gemm weights only'],
]);

/** Rewrites `model` in place; the report says which products were quantized and which were not. */
export function quantizeInt8Dynamic(model: ModelProto): OptimizeReport {
  const report = new ReportBuilder('int8-dynamic');
  const fresh = nameFactory(model);
  const quantized = new Map<string, { values: string; scales: string }>();
  let floatBytes = 0;
  let int8Bytes = 0;
  for (const product of weightMatMuls(model, report, true)) {
    let weights = quantized.get(product.weightKey);
    if (!weights) {
      const { values, scales } = quantizeInt8PerColumn(product.weight, product.k, product.n);
      weights = { values: fresh(`${product.baseName}_int8`), scales: fresh(`${product.baseName}_scale`) };
      product.graph.initializer.push(
        tensorOf(weights.values, TensorProto_DataType.INT8, [product.k, product.n], values),
        tensorOf(weights.scales, TensorProto_DataType.FLOAT, [product.n], scales),
      );
      quantized.set(product.weightKey, weights);
      floatBytes += product.weight.byteLength;
      int8Bytes += values.byteLength + scales.byteLength;
    }
    report.convert(product.node.opType);
    // Inputs: A, B, b_scale, b_zero_point (absent: 0, symmetric), bias.
    Object.assign(product.node, {
      opType: 'DynamicQuantizeMatMul',
      domain: 'com.microsoft',
      input: [product.input, weights.values, weights.scales, ...(product.bias ? ['', product.bias] : [])],
      attribute: [],
    });
  }
  for (const graph of allGraphs(mainGraph(model)))
    for (const node of graph.node) {
      const reason = LEFT_IN_FLOAT.get(node.opType);
      if (reason) report.keepFloat(node.opType, reason);
    }
  if (report.convertedCount > 0) {
    requireOpset(model, 'com.microsoft', 1);
    dropUnusedConstants(model);
    report.note(
      `weights of the quantized products: ${sizeText(floatBytes)} fp32 → ${sizeText(int8Bytes)} int8 (symmetric, per column)`,
    );
    report.note('DynamicQuantizeMatMul is an ONNX Runtime operator (com.microsoft opset 1)');
  }
  return report.build();
}
