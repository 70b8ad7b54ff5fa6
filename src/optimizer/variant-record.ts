// A variant as the catalog keeps it: the record of a model the optimizer made from `parent`, built from
// the optimize result alone (pure, so the app, the CLI and the tests make the same record). The variant
// does what its parent does (task, inputs, outputs, licence, origin) and carries its lineage: the
// parent's id and the sha256 of the exact file it was made from, the method and calibration, the
// optimizer's version, when, and what was converted per operator. A variant of an ONNX Runtime model has
// one file, model.onnx. A variant of a model in the Hugging Face layout (Transformers.js: config,
// tokenizer, a model file per dtype) has the parent's config and tokenizer files (same names and
// sha256) and one model file, named as Transformers.js asks for the method's dtype (q4 →
// onnx/model_q4.onnx), so it loads as that dtype.

import {
  dtypeModelFileName,
  hasDtypeFiles,
  type ModelFile,
  type ModelRecord,
  type VariantLineage,
} from '../catalog/model-record';
import { variantId } from '../catalog/variant-id';
import { OPTIMIZER_VERSION, type OptimizeReport, type OptimizeResult } from './optimize';
import { reportSummary } from './report';

export const VARIANT_MODEL_FILE = 'model.onnx';

/** What the optimizer counts as having made the files, as a record's `generator`. */
export const VARIANT_GENERATOR = 'On-Device Lab optimizer';

const METHOD_WORDS: Readonly<Record<OptimizeReport['method'], string>> = {
  fp16: 'fp16',
  'int8-dynamic': 'int8 dynamic',
  'int8-static': 'int8 static',
  q4: '4-bit',
};

/** The Transformers.js dtype each method's file is loaded as: int8 static's QDQ file as int8
 * (onnx/model_int8.onnx), int8 dynamic's as q8 (onnx/model_quantized.onnx). */
const METHOD_DTYPES: Readonly<Record<OptimizeReport['method'], string>> = {
  fp16: 'fp16',
  'int8-dynamic': 'q8',
  'int8-static': 'int8',
  q4: 'q4',
};

/** The dtype a Hugging Face-layout variant by `method` is loaded as, or undefined when there is none. */
export function variantDtype(method: string): string | undefined {
  return METHOD_DTYPES[method as OptimizeReport['method']];
}

/** "int8 static, percentile 99.99, 16 samples" and the like. */
export function methodWords(lineage: Pick<VariantLineage, 'method' | 'calibration'>): string {
  const method = METHOD_WORDS[lineage.method as OptimizeReport['method']] ?? lineage.method;
  const calibration = lineage.calibration;
  if (!calibration) return method;
  const range =
    calibration.method === 'percentile' ? `percentile ${calibration.percentile ?? ''}`.trim() : 'min-max';
  return `${method}, ${range}, ${calibration.samples} samples`;
}

/** The variant's files: its one model file, after the parent's config and tokenizer files for a
 * Hugging Face-layout parent. */
function variantFiles(parent: ModelRecord, method: string, sha256: string, bytes: number): ModelFile[] {
  if (!hasDtypeFiles(parent)) return [{ name: VARIANT_MODEL_FILE, role: 'model', sha256, bytes }];
  const dtype = variantDtype(method);
  if (!dtype)
    throw new Error(
      `${parent.id} is a Transformers.js model: its variants are fp16, int8 dynamic, int8 static or 4-bit, not ${method}`,
    );
  return [
    ...parent.files.filter((file) => file.role !== 'model' && file.role !== 'optimized-model'),
    { name: dtypeModelFileName(dtype), role: 'model', dtype, sha256, bytes },
  ];
}

/**
 * The record of the variant `result` of `parent`, made from the parent's file `parentFile` (the one a
 * session loads, see readSessionModel; the fp32 file of a Hugging Face-layout parent). `createdAt` is
 * an ISO time.
 */
export function variantRecord(
  parent: ModelRecord,
  parentFile: ModelFile,
  result: OptimizeResult,
  createdAt: string,
): ModelRecord {
  if (parent.variant)
    throw new Error(
      `${parent.id} is itself a variant (of ${parent.variant.parentId}): make variants of the original model`,
    );
  const { method } = result.report;
  const lineage: VariantLineage = {
    parentId: parent.id,
    parentSha256: parentFile.sha256,
    method,
    ...(result.calibration
      ? {
          calibration: {
            method: result.calibration.method,
            ...(result.calibration.percentile !== undefined
              ? { percentile: result.calibration.percentile }
              : {}),
            samples: result.calibration.samples,
            data: result.calibration.data,
          },
        }
      : {}),
    optimizerVersion: OPTIMIZER_VERSION,
    createdAt,
    summary: reportSummary(result.report),
  };
  return {
    id: variantId(parent.id, method),
    displayName: `${parent.displayName} (${methodWords(lineage)})`,
    task: parent.task,
    runtime: parent.runtime,
    files: variantFiles(parent, method, result.sha256, result.bytes.byteLength),
    inputSpec: parent.inputSpec,
    outputSpec: parent.outputSpec,
    license: parent.license,
    generator: VARIANT_GENERATOR,
    variant: lineage,
    originProject: parent.originProject,
    originUrl: parent.originUrl,
    modelCardUrl: parent.modelCardUrl,
    ...(parent.paperUrl !== undefined ? { paperUrl: parent.paperUrl } : {}),
    intendedUse: parent.intendedUse,
    limitations: [
      ...parent.limitations,
      `Made by the optimizer from ${parent.id} (${methodWords(lineage)}): its outputs can differ from the original's; compare them in the benchmark.`,
    ],
  };
}
