// Progress of long work (downloads, session creation, a page of OCR lines), as every layer reports it
// and the UI shows it: a sentence and, when the amount of work is known, a fraction; work that streams
// its output (text generation) adds what it has so far.

export interface EngineProgress {
  /** What is happening, e.g. "Downloading ppocr-v4-rec/model.onnx" or "Recognising line 3 of 9". */
  readonly message: string;
  /** 0..1 when the amount of work is known. */
  readonly fraction?: number;
  /** The output so far of work that streams it: the text generated yet and how many tokens made it. */
  readonly partial?: { readonly text: string; readonly tokenCount: number };
  /** Per file, while files download (a Hub model's load): each file's bytes so far and in all. */
  readonly files?: readonly FileProgress[];
}

export interface FileProgress {
  readonly file: string;
  readonly loaded: number;
  /** 0 while the size is not known yet. */
  readonly total: number;
  readonly done: boolean;
}

export type ProgressListener = (progress: EngineProgress) => void;
