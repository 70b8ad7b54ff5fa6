// Reads text out of the recognizer's per-time-step class probabilities. Greedy decoding matches
// PaddleOCR's CTCLabelDecode (argmax, collapse repeats, drop blanks, mean confidence); prefix beam
// search sums over alignments instead, which keeps word gaps where blank and space are nearly tied
// over several steps (greedy drops most spaces in English lines read by the PP-OCRv4 ch model).

import { CTC_BLANK_INDEX } from './dictionary';

export interface DecodedText {
  readonly text: string;
  /** Mean of the winning probabilities of the kept characters; 0 when no character was kept. */
  readonly confidence: number;
}

/** Decodes one sequence: `probs` holds timeSteps rows of numClasses probabilities. */
export function ctcGreedyDecode(
  probs: Float32Array,
  timeSteps: number,
  numClasses: number,
  charset: readonly string[],
): DecodedText {
  assertShapes(probs, timeSteps, numClasses, charset);
  let text = '';
  let probabilitySum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < timeSteps; t++) {
    const row = t * numClasses;
    let best = 0;
    let bestProbability = probs[row] ?? 0;
    for (let c = 1; c < numClasses; c++) {
      const probability = probs[row + c] ?? 0;
      if (probability > bestProbability) {
        best = c;
        bestProbability = probability;
      }
    }
    if (best !== previous && best !== CTC_BLANK_INDEX) {
      text += charset[best];
      probabilitySum += bestProbability;
      kept++;
    }
    previous = best;
  }
  return { text, confidence: kept === 0 ? 0 : probabilitySum / kept };
}

function assertShapes(
  probs: Float32Array,
  timeSteps: number,
  numClasses: number,
  charset: readonly string[],
): void {
  if (charset.length !== numClasses) {
    throw new Error(
      `The OCR dictionary gives ${charset.length} classes (with blank and space) but the recognition model ` +
        `outputs ${numClasses}; use the dictionary that belongs to this model`,
    );
  }
  if (probs.length < timeSteps * numClasses) {
    throw new Error(`Expected ${timeSteps}x${numClasses} probabilities, got ${probs.length}`);
  }
}

interface Beam {
  readonly labels: readonly number[];
  /** Probability of this prefix over paths ending in blank / in its last label. */
  endsInBlank: number;
  endsInLabel: number;
  /** Best single-step probability seen for each label, for the confidence figure. */
  readonly labelProbabilities: number[];
}

/** Classes below this probability at a step are not tried as extensions (they cannot win). */
const PRUNE_PROBABILITY = 1e-3;

/**
 * CTC prefix beam search (Hannun et al., 2014). Beams are renormalised every step so long lines do not
 * underflow; ranking is unaffected. Confidence is the mean of each kept label's best step probability.
 */
export function ctcBeamDecode(
  probs: Float32Array,
  timeSteps: number,
  numClasses: number,
  charset: readonly string[],
  beamWidth: number,
): DecodedText {
  assertShapes(probs, timeSteps, numClasses, charset);
  let beams = new Map<string, Beam>([
    ['', { labels: [], endsInBlank: 1, endsInLabel: 0, labelProbabilities: [] }],
  ]);
  for (let t = 0; t < timeSteps; t++) {
    const row = t * numClasses;
    const candidates: number[] = [];
    for (let c = 1; c < numClasses; c++) if ((probs[row + c] ?? 0) >= PRUNE_PROBABILITY) candidates.push(c);
    const blank = probs[row + CTC_BLANK_INDEX] ?? 0;
    const next = new Map<string, Beam>();
    const beamFor = (key: string, labels: readonly number[], labelProbabilities: number[]): Beam => {
      let beam = next.get(key);
      if (!beam) {
        beam = { labels, endsInBlank: 0, endsInLabel: 0, labelProbabilities };
        next.set(key, beam);
      }
      return beam;
    };
    for (const [key, beam] of beams) {
      const total = beam.endsInBlank + beam.endsInLabel;
      beamFor(key, beam.labels, [...beam.labelProbabilities]).endsInBlank += total * blank;
      const last = beam.labels[beam.labels.length - 1];
      for (const label of candidates) {
        const probability = probs[row + label] ?? 0;
        if (label === last) {
          // Repeating the last label without a blank between collapses into the same prefix.
          const same = beamFor(key, beam.labels, [...beam.labelProbabilities]);
          same.endsInLabel += beam.endsInLabel * probability;
          const lastIndex = same.labelProbabilities.length - 1;
          same.labelProbabilities[lastIndex] = Math.max(same.labelProbabilities[lastIndex] ?? 0, probability);
        }
        const fromPaths = label === last ? beam.endsInBlank : total;
        if (fromPaths === 0) continue;
        const extended = beamFor(
          `${key},${label}`,
          [...beam.labels, label],
          [...beam.labelProbabilities, probability],
        );
        extended.endsInLabel += fromPaths * probability;
        const lastIndex = extended.labelProbabilities.length - 1;
        extended.labelProbabilities[lastIndex] = Math.max(
          extended.labelProbabilities[lastIndex] ?? 0,
          probability,
        );
      }
    }
    const kept = [...next.entries()]
      .sort(([, a], [, b]) => b.endsInBlank + b.endsInLabel - (a.endsInBlank + a.endsInLabel))
      .slice(0, beamWidth);
    const mass = kept.reduce((sum, [, beam]) => sum + beam.endsInBlank + beam.endsInLabel, 0) || 1;
    for (const [, beam] of kept) {
      beam.endsInBlank /= mass;
      beam.endsInLabel /= mass;
    }
    beams = new Map(kept);
  }
  const best = [...beams.values()][0];
  if (!best || best.labels.length === 0) return { text: '', confidence: 0 };
  const text = best.labels.map((label) => charset[label] ?? '').join('');
  const confidence =
    best.labelProbabilities.reduce((sum, value) => sum + value, 0) / best.labelProbabilities.length;
  return { text, confidence };
}
