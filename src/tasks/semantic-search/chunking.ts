// Splits a document into passages small enough to embed one by one: paragraphs (blank-line separated),
// and a paragraph longer than `maxWords` into runs of whole sentences up to that many words (a single
// longer sentence into runs of words). Markdown headings and list markers are kept as text.

export interface Chunk {
  /** The document the passage comes from. */
  readonly document: string;
  readonly text: string;
}

const SENTENCE_END = /(?<=[.!?])\s+/;

function byWords(words: readonly string[], maxWords: number): string[] {
  const runs: string[] = [];
  for (let start = 0; start < words.length; start += maxWords)
    runs.push(words.slice(start, start + maxWords).join(' '));
  return runs;
}

function splitParagraph(paragraph: string, maxWords: number): string[] {
  const words = paragraph.split(/\s+/).filter(Boolean);
  if (words.length <= maxWords) return words.length > 0 ? [words.join(' ')] : [];
  const passages: string[] = [];
  let current: string[] = [];
  for (const sentence of paragraph.split(SENTENCE_END)) {
    const sentenceWords = sentence.split(/\s+/).filter(Boolean);
    if (current.length + sentenceWords.length > maxWords && current.length > 0) {
      passages.push(current.join(' '));
      current = [];
    }
    if (sentenceWords.length > maxWords) passages.push(...byWords(sentenceWords, maxWords));
    else current.push(...sentenceWords);
  }
  if (current.length > 0) passages.push(current.join(' '));
  return passages;
}

/** The document's passages, in order, each at most `maxWords` words. */
export function chunkText(document: string, text: string, maxWords = 60): Chunk[] {
  if (!Number.isInteger(maxWords) || maxWords < 1)
    throw new RangeError(`maxWords must be a positive integer, got ${maxWords}`);
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .flatMap((paragraph) => splitParagraph(paragraph, maxWords))
    .map((passage) => ({ document, text: passage }));
}
