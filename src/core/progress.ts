// Progress of long work (downloads, session creation, a page of OCR lines), as every layer reports it
// and the UI shows it: a sentence and, when the amount of work is known, a fraction.

export interface EngineProgress {
  /** What is happening, e.g. "Downloading ppocr-v4-rec/model.onnx" or "Recognising line 3 of 9". */
  readonly message: string;
  /** 0..1 when the amount of work is known. */
  readonly fraction?: number;
}

export type ProgressListener = (progress: EngineProgress) => void;
