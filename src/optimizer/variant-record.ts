// A variant as the catalog keeps it: the record of a model the optimizer made from `parent`, built from
// the optimize result alone (pure, so the app, the CLI and the tests make the same record). The variant
// does what its parent does (task, inputs, outputs, licence, origin) and carries its lineage: the
// parent's id and the sha256 of the exact file it was made from, the method and calibration, the
// optimizer's version, when, and what was converted per operator. It is an ONNX Runtime model with one
// file, model.onnx; parents in the Hugging Face layout (dtype files, config, tokenizer) are refused
// before optimizing (see the engine's optimize).

import type { ModelFile, ModelRecord, VariantLineage } from '../catalog/model-record';
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

/** "int8 static, percentile 99.99, 16 samples" and the like. */
export function methodWords(lineage: Pick<VariantLineage, 'method' | 'calibration'>): string {
  const method = METHOD_WORDS[lineage.method as OptimizeReport['method']] ?? lineage.method;
  const calibration = lineage.calibration;
  if (!calibration) return method;
  const range =
    calibration.method === 'percentile' ? `percentile ${calibration.percentile ?? ''}`.trim() : 'min-max';
  return `${method}, ${range}, ${calibration.samples} samples`;
}

/**
 * The record of the variant `result` of `parent`, made from the parent's file `parentFile` (the one a
 * session loads, see readSessionModel). `createdAt` is an ISO time.
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
    files: [
      { name: VARIANT_MODEL_FILE, role: 'model', sha256: result.sha256, bytes: result.bytes.byteLength },
    ],
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
