// How the benchmark measures a text classifier: one timed call of the whole pipeline (tokenizer, model,
// softmax) on a batch of short product reviews, the kind of text a sentiment model is used on, with
// every label's score read back. Agreement compares each review's best label with the reference cell
// (wasm, fp32) and the scores element by element, so an fp16 or quantized file shows what it changes.
// An int8-static variant is calibrated on the calibration split (calibration-sentences.ts).

import type { ScoredLabel } from '../../runtimes/pipeline-runtime';
import { compareTaskOutputs } from '../../task-kit/task-output';
import { pipelineBenchmark } from '../../task-kit/task';
import type { WorkloadInput } from '../../task-kit/workload';
import { textClassificationCalibrationData } from './calibration-sentences';
import { TEXT_CLASSIFICATION_EVALUATION } from './evaluation';

/** Reviews of everyday things, positive, negative and mixed, 4 to 17 words. */
export const BENCHMARK_REVIEWS: readonly string[] = [
  'What a great phone, the camera is excellent.',
  'The battery is bad and charging is so slow.',
  'Good price, but the screen broke after a week.',
  'I love this song and the sound is wonderful.',
  'Terrible service: the order came late and the box was broken.',
  'The meeting room was fine.',
  'Fast delivery, nice box, and the photos look amazing on the large bright screen.',
  'Worst purchase this year, I want my money back.',
];

function textsOf(input: WorkloadInput): readonly string[] {
  if (input.kind !== 'texts') throw new Error(`A text classifier is benchmarked on texts, not ${input.kind}`);
  return input.texts;
}

/** Every label's score per text, in one order (labels sorted), so two cells' scores line up. */
function scoreTable(rows: readonly (readonly ScoredLabel[])[]): Float32Array {
  const labels = [...new Set(rows.flatMap((row) => row.map(({ label }) => label)))].sort();
  return Float32Array.from(
    rows.flatMap((row) => labels.map((label) => row.find((entry) => entry.label === label)?.score ?? 0)),
  );
}

/** Asks for every label of each text; a classifier has far fewer. */
const ALL_LABELS = 1000;

export const TEXT_CLASSIFICATION_BENCHMARK = pipelineBenchmark({
  pipelineKind: 'text-classification',
  input: async () => ({ kind: 'texts', texts: BENCHMARK_REVIEWS }),
  async workload(_model, classifier, input) {
    const texts = textsOf(input);
    return {
      inputDescription: `${texts.length} product reviews, ${texts.join(' ').split(/\s+/).length} words`,
      runOnce: async () => {
        await classifier.classify(texts, ALL_LABELS);
      },
      referenceOutputs: async () => {
        const rows = await classifier.classify(texts, ALL_LABELS);
        return {
          tensors: { scores: scoreTable(rows) },
          task: { kind: 'labels', labels: rows.map((row) => row[0]?.label ?? '') },
        };
      },
    };
  },
  compareOutputs: compareTaskOutputs,
  evaluation: TEXT_CLASSIFICATION_EVALUATION,
  calibrationData: textClassificationCalibrationData,
});
