// The text classifier's calibration split: short everyday sentences, positive, negative and plain, for
// calibrating an int8-static variant's activation ranges. None is an evaluation sentence
// (eval-sentences.ts) or a benchmark review (benchmark.ts), so a variant is never scored on what it
// was calibrated on. Like the evaluation set, some use the tiny generated model's lexicon words and
// some do not, and their lengths vary (3 to 14 words), so the ranges cover the sequence lengths in use.

import type { ModelRecord } from '../../catalog/model-record';
import type { CalibrationData } from '../../optimizer/optimize';
import type { TextClassifier } from '../../runtimes/pipeline-runtime';

export const CALIBRATION_SENTENCES: readonly string[] = [
  'The bus was late again this morning.',
  'A great little cafe with kind staff.',
  'My headphones broke on the second day.',
  'The museum was quiet and the paintings were lovely.',
  'Slow wifi all week at the hotel.',
  'The best pizza we had on the trip.',
  'I hate waiting on the phone for an hour.',
  'The park is good for a long walk.',
  'Bad weather ruined the picnic.',
  'Our neighbours are friendly and helpful.',
  'The printer is broken and nobody can fix it.',
  'What a happy ending to the story.',
  'The worst seat in the whole theatre.',
  'A clean kitchen and a comfortable bed.',
  'The lecture started at nine.',
  'The new update made the game much slower.',
  'I love the smell of fresh bread.',
  'The shop ran out of milk.',
  'Excellent advice from the doctor, thank you.',
  'The keyboard feels cheap and the keys stick.',
  'Sunny days and great views from the balcony.',
  'The delivery driver left the parcel in the rain.',
  'This tea is good.',
  'Terrible instructions, I gave up after ten minutes of trying to follow them.',
  'The children enjoyed the puppet show.',
  'The tram was crowded and slow.',
  'A wonderful gift for my sister.',
  'The lamp arrived broken.',
  'The report is due on Friday.',
  'Great tools, they make the job easy.',
  'The hotel breakfast was cold and boring.',
  'Nice people, lovely music and good food all night long.',
];

/** The first `count` calibration sentences (at most all 32), tokenized by the classifier's own tokenizer. */
export async function textClassificationCalibrationData(
  _model: ModelRecord,
  classifier: TextClassifier,
  count: number,
): Promise<CalibrationData> {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`The calibration sample count must be a whole number of at least 1, not ${count}`);
  const sentences = CALIBRATION_SENTENCES.slice(0, count);
  const words = sentences.join(' ').split(/\s+/).length;
  return {
    feeds: await classifier.tokenize(sentences),
    description: `${sentences.length} sentences (${words} words) through the model's tokenizer, calibration split`,
  };
}
