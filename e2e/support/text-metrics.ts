// Character accuracy for OCR tests: 1 − (edit distance / length of the truth), on whitespace-folded text.

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

export function characterAccuracy(truth: string, recognised: string): number {
  const expected = fold(truth);
  return Math.max(0, 1 - editDistance(expected, fold(recognised)) / Math.max(1, expected.length));
}
