// How the benchmark measures an image classifier: one timed call of the whole pipeline (resize and
// normalize by the model's image processor, model, softmax) on a 640×480 outdoor scene drawn here (sky
// gradient, sun, grass: smooth regions and edges, the size a camera frame is scaled to), with every
// label's score read back. Agreement compares the best label and every score with the reference cell
// (wasm, fp32).

import { createRgbaImage, type RgbaImage } from '../../inputs/image';
import type { ScoredLabel } from '../../runtimes/pipeline-runtime';
import { compareTaskOutputs } from '../../task-kit/task-output';
import { pipelineBenchmark } from '../../task-kit/task';
import type { WorkloadInput } from '../../task-kit/workload';
import { IMAGE_CLASSIFICATION_EVALUATION } from './evaluation';

const WIDTH = 640;
const HEIGHT = 480;

/** Sky from deep to pale blue, a sun disc, and a green field below the horizon with darker stripes. */
export function benchmarkScene(width = WIDTH, height = HEIGHT): RgbaImage {
  const image = createRgbaImage(width, height);
  const horizon = Math.round(height * 0.62);
  const sun = { x: width * 0.72, y: height * 0.25, r: height * 0.09 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      let rgb: [number, number, number];
      if (Math.hypot(x - sun.x, y - sun.y) <= sun.r) rgb = [255, 214, 90];
      else if (y < horizon) {
        const t = y / horizon;
        rgb = [40 + 130 * t, 90 + 120 * t, 200 + 45 * t];
      } else {
        const stripe = Math.floor((x + 2 * (y - horizon)) / 24) % 2 === 0 ? 0 : 18;
        rgb = [52 - stripe, 140 - stripe, 48 - stripe];
      }
      image.data.set([...rgb.map(Math.round), 255], at);
    }
  }
  return image;
}

function imageOf(input: WorkloadInput): RgbaImage {
  if (input.kind !== 'image')
    throw new Error(`An image classifier is benchmarked on an image, not ${input.kind}`);
  return input.image;
}

/** Asks for every label; a classifier has far fewer. */
const ALL_LABELS = 1000;

/** Every label's score in one order (labels sorted), so two cells' scores line up. */
function scoresByLabel(labels: readonly ScoredLabel[]): Float32Array {
  return Float32Array.from(
    [...labels].sort((a, b) => (a.label < b.label ? -1 : 1)).map(({ score }) => score),
  );
}

export const IMAGE_CLASSIFICATION_BENCHMARK = pipelineBenchmark({
  pipelineKind: 'image-classification',
  input: async () => ({ kind: 'image', image: benchmarkScene() }),
  async workload(_model, classifier, input) {
    const image = imageOf(input);
    return {
      inputDescription: `${image.width}×${image.height} outdoor scene (drawn)`,
      runOnce: async () => {
        await classifier.classify(image, ALL_LABELS);
      },
      referenceOutputs: async () => {
        const labels = await classifier.classify(image, ALL_LABELS);
        return {
          tensors: { scores: scoresByLabel(labels) },
          task: { kind: 'class', label: labels[0]?.label ?? '' },
        };
      },
    };
  },
  compareOutputs: compareTaskOutputs,
  evaluation: IMAGE_CLASSIFICATION_EVALUATION,
});
