// How a text classifier is scored: the best label of each evaluation sentence against the sentiment a
// person gives it, and (by the page, scoreAgainstReference) against the fp32 model's labels.

import type { TextClassifier } from '../../runtimes/pipeline-runtime';
import type { TaskEvaluation } from '../../task-kit/evaluation';
import { shareEqual } from '../../task-kit/evaluation-scores';
import { EVALUATION_SENTENCES } from './eval-sentences';

export const TEXT_CLASSIFICATION_EVALUATION: TaskEvaluation<TextClassifier> = {
  async evaluate(_model, classifier, _files, onProgress) {
    const rows = await classifier.classify(
      EVALUATION_SENTENCES.map((sentence) => sentence.text),
      1,
    );
    onProgress(1, 1);
    const labels = rows.map((row) => row[0]?.label ?? '');
    const truth = EVALUATION_SENTENCES.map((sentence) => sentence.label);
    return {
      result: {
        set: `${EVALUATION_SENTENCES.length} short sentences labelled POSITIVE or NEGATIVE`,
        items: EVALUATION_SENTENCES.length,
        scores: [{ metric: 'label accuracy', value: shareEqual(truth, labels), against: 'truth' }],
      },
      outputs: { kind: 'labels', labels },
    };
  },
};
