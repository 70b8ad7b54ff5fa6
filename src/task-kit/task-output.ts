// What a model's output means for its task, reduced to something two backends can be compared on:
// detected boxes, read text, a class, one label per text, or per-frame speech decisions. Numeric closeness says little
// on its own; "same text" or "same speech frames" is what a user of the model cares about.

export type TaskOutput =
  | { readonly kind: 'boxes'; readonly boxes: ReadonlyArray<readonly [number, number, number, number]> }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'class'; readonly label: string }
  | { readonly kind: 'labels'; readonly labels: readonly string[] }
  | { readonly kind: 'decisions'; readonly speech: readonly boolean[] };

export interface TaskComparison {
  readonly text: string;
  readonly agrees: boolean;
}

/** Smallest intersection-over-union two matched boxes may have and still count as the same box. */
export const MIN_BOX_IOU = 0.9;

export function boxIou(a: readonly number[], b: readonly number[]): number {
  const [ax0 = 0, ay0 = 0, ax1 = 0, ay1 = 0] = a;
  const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = b;
  const width = Math.max(0, Math.min(ax1, bx1) - Math.max(ax0, bx0));
  const height = Math.max(0, Math.min(ay1, by1) - Math.max(ay0, by0));
  const intersection = width * height;
  const union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - intersection;
  return union > 0 ? intersection / union : 1;
}

export function compareTaskOutputs(reference: TaskOutput, candidate: TaskOutput): TaskComparison {
  if (reference.kind !== candidate.kind) {
    return { text: `different kinds of output (${reference.kind} vs ${candidate.kind})`, agrees: false };
  }
  switch (reference.kind) {
    case 'text': {
      const other = (candidate as typeof reference).text;
      return other === reference.text
        ? { text: `same text: "${reference.text}"`, agrees: true }
        : { text: `text differs: "${other}" vs "${reference.text}"`, agrees: false };
    }
    case 'class': {
      const other = (candidate as typeof reference).label;
      return {
        text: other === reference.label ? `same class: ${other}` : `class ${other} vs ${reference.label}`,
        agrees: other === reference.label,
      };
    }
    case 'labels': {
      const others = (candidate as typeof reference).labels;
      const total = reference.labels.length;
      const same = reference.labels.filter((label, index) => others[index] === label).length;
      return {
        text: `${same} of ${total} texts get the same label`,
        agrees: same === total && others.length === total,
      };
    }
    case 'boxes': {
      const others = (candidate as typeof reference).boxes;
      if (others.length !== reference.boxes.length) {
        return { text: `${others.length} boxes vs ${reference.boxes.length}`, agrees: false };
      }
      const ious = reference.boxes.map((box) => Math.max(0, ...others.map((other) => boxIou(box, other))));
      const worst = Math.min(1, ...ious);
      return {
        text: `${others.length} boxes, lowest IoU ${worst.toFixed(3)}`,
        agrees: worst >= MIN_BOX_IOU,
      };
    }
    case 'decisions': {
      const others = (candidate as typeof reference).speech;
      const total = reference.speech.length;
      const same = reference.speech.filter((speech, index) => others[index] === speech).length;
      return {
        text: `${same} of ${total} frames agree on speech/no speech`,
        agrees: same === total && others.length === total,
      };
    }
  }
}
