// Turns PaddleOCR's character dictionary (ppocr_keys_v1.txt) into the recognizer's class list, so
// class index i of the recognition output maps to charset[i] exactly as PaddleOCR's CTCLabelDecode does.

/** Class 0 of a CTC recognizer is the blank; it never appears in decoded text. */
export const CTC_BLANK_INDEX = 0;

/**
 * The recognizer's classes: the blank (as ''), one class per dictionary line in file order, then ' '
 * (PaddleOCR's use_space_char). Lines are kept exactly, only a trailing '\r' is removed.
 */
export function parseDictionary(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  // A final newline ends the last line rather than starting an empty one (Python's readlines).
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new Error('The OCR dictionary is empty');
  return ['', ...lines, ' '];
}
