// The OCR task's one file besides its models: the recognition model's character dictionary, read
// and parsed once per engine (in the worker) or per process (in the native reference).

import type { TaskFiles } from '../../task-kit/task';
import { parseDictionary } from './dictionary';

/** The recognizer whose dictionary every recognizer uses (its variants read the same characters). */
export const RECOGNITION_MODEL_ID = 'ppocr-v4-rec';

export function ocrCharset(files: TaskFiles): Promise<string[]> {
  return files.memo('ocr-charset', async () =>
    parseDictionary(new TextDecoder().decode(await files.modelFile(RECOGNITION_MODEL_ID, 'dictionary'))),
  );
}
