// How an image classifier is scored: 16 small images, two shades of each colour the project's tiny
// classifier names (red, green, blue, yellow, cyan, magenta, dark, bright), each with a stripe pattern
// and seeded noise so no two pixels are alike, labelled with the colour a person sees; the best label
// against that truth, and (by the page, scoreAgainstReference) against the fp32 model's labels.

import { createRgbaImage, type RgbaImage } from '../../inputs/image';
import type { ImageClassifier } from '../../runtimes/pipeline-runtime';
import type { TaskEvaluation } from '../../task-kit/evaluation';
import { shareEqual } from '../../task-kit/evaluation-scores';

const SIZE = 64;

/** Two shades per colour name, in 0–255 RGB. */
export const EVALUATION_COLOURS: readonly {
  readonly label: string;
  readonly rgb: readonly [number, number, number];
}[] = [
  { label: 'red', rgb: [220, 30, 40] },
  { label: 'red', rgb: [160, 20, 20] },
  { label: 'green', rgb: [40, 200, 60] },
  { label: 'green', rgb: [20, 120, 30] },
  { label: 'blue', rgb: [30, 60, 220] },
  { label: 'blue', rgb: [20, 30, 140] },
  { label: 'yellow', rgb: [235, 220, 40] },
  { label: 'yellow', rgb: [200, 180, 20] },
  { label: 'cyan', rgb: [40, 220, 230] },
  { label: 'cyan', rgb: [20, 160, 170] },
  { label: 'magenta', rgb: [220, 40, 210] },
  { label: 'magenta', rgb: [160, 20, 150] },
  { label: 'dark', rgb: [20, 20, 25] },
  { label: 'dark', rgb: [45, 40, 40] },
  { label: 'bright', rgb: [245, 245, 240] },
  { label: 'bright', rgb: [225, 230, 235] },
];

/** The colour with diagonal stripes ±12 and noise ±10 from a seeded generator (LCG), clamped to 0–255. */
function swatch(rgb: readonly [number, number, number], seed: number): RgbaImage {
  const image = createRgbaImage(SIZE, SIZE);
  let state = seed;
  const noise = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 20 - 10;
  };
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const stripe = Math.floor((x + y) / 8) % 2 === 0 ? 12 : -12;
      const pixel = rgb.map((value) => Math.max(0, Math.min(255, Math.round(value + stripe + noise()))));
      image.data.set([...pixel, 255], (y * SIZE + x) * 4);
    }
  return image;
}

export const IMAGE_CLASSIFICATION_EVALUATION: TaskEvaluation<ImageClassifier> = {
  async evaluate(_model, classifier, _files, onProgress) {
    const labels: string[] = [];
    for (const [index, { rgb }] of EVALUATION_COLOURS.entries()) {
      const [best] = await classifier.classify(swatch(rgb, index + 1), 1);
      labels.push(best?.label ?? '');
      onProgress(labels.length, EVALUATION_COLOURS.length);
    }
    return {
      result: {
        set: `${EVALUATION_COLOURS.length} striped, noisy ${SIZE}×${SIZE} colour swatches, two shades per colour`,
        items: EVALUATION_COLOURS.length,
        scores: [
          {
            metric: 'colour accuracy',
            value: shareEqual(
              EVALUATION_COLOURS.map((colour) => colour.label),
              labels,
            ),
            against: 'truth',
          },
        ],
      },
      outputs: { kind: 'labels', labels },
    };
  },
};
