// The OCR task: pick or drop an image (or the built-in sample), run PP-OCRv4 in the worker, see the
// boxes over the image, the text with confidences and the time each stage took.
import { useEffect, useState } from 'react';
import type { BackendId } from '../core/backends';
import type { ModelRecord } from '../catalog/model-record';
import type { Engine, TaskResponse } from '../worker/engine-api';
import { OCR_MODEL_ROLES, OCR_TASK, type OcrModelChoice, type OcrTaskResult } from '../tasks/ocr/handle';
import type { OcrTimings } from '../tasks/ocr/ocr-pipeline';
import { publishResult } from './automation';
import { FileDrop } from './FileDrop';
import { ModelSelect } from './ModelSelect';
import { OcrOverlay } from './OcrOverlay';
import { PreparingLine, RunStatusLine } from './RunStatusLine';
import { usePreparedTask } from './usePreparedTask';
import { fetchSample, SAMPLE_IMAGE } from './samples';
import { TimingTable } from './TimingTable';
import { useTaskRun } from './useTaskRun';

const runsOf = (count: number) => `${count} run${count === 1 ? '' : 's'}`;

/** The models' own time, then everything around it (our pre- and post-processing), then the total. */
function ocrStages(timings: OcrTimings): Array<readonly [string, number]> {
  const { inference, runs } = timings;
  const inferenceMs = inference.detectMs + inference.classifyMs + inference.recognizeMs;
  const stages: Array<readonly [string, number]> = [
    [`Detection model (${runsOf(runs.detect)})`, inference.detectMs],
    ...(runs.classify > 0 ? [[`Angle model (${runsOf(runs.classify)})`, inference.classifyMs] as const] : []),
    [`Recognition model (${runsOf(runs.recognize)})`, inference.recognizeMs],
    ['Inference, all models', inferenceMs],
    ['Pre-processing (resize, crop, normalize)', timings.preprocessMs],
    [
      'Post-processing (boxes, text decoding)',
      timings.detectMs + timings.classifyMs + timings.recognizeMs - inferenceMs,
    ],
    ['Everything but inference', timings.totalMs - inferenceMs],
    ['Total', timings.totalMs],
  ];
  return stages;
}

interface LoadedImage {
  readonly file: Blob;
  readonly name: string;
  readonly url: string;
}

const ROLE_WORDS: Readonly<Record<keyof OcrModelChoice, string>> = {
  detection: 'Detection model',
  recognition: 'Recognition model',
  angle: 'Angle model',
};

const ROLES = Object.keys(OCR_MODEL_ROLES) as Array<keyof OcrModelChoice>;

interface OcrViewProps {
  readonly engine?: Engine;
  /** The engine's catalog: a step gets a model choice once a variant of its model exists. */
  readonly models?: readonly ModelRecord[];
  readonly backend: BackendId;
  readonly onBusy: (busy: boolean) => void;
}

export function OcrView({ engine, models = [], backend, onBusy }: OcrViewProps) {
  const { state, run, fail } = useTaskRun();
  const [shown, setShown] = useState<{ image: LoadedImage; response: TaskResponse<OcrTaskResult> }>();
  const [useAngleClassifier, setUseAngleClassifier] = useState(false);
  const [choice, setChoice] = useState<OcrModelChoice>({});
  const prepared = usePreparedTask(engine, OCR_TASK, { backend, useAngleClassifier, models: choice });
  const choices = ROLES.map((role) => ({
    role,
    models: models.filter((model) => model.task === OCR_MODEL_ROLES[role].modelTask),
  })).filter((entry) => entry.models.length > 1);
  const [highlighted, setHighlighted] = useState<number>();

  useEffect(() => onBusy(state.status === 'running'), [state.status, onBusy]);

  const recognize = async (file: Blob, name: string) => {
    if (!engine) return;
    const response = await run((onProgress) =>
      engine.run(
        OCR_TASK,
        { backend, image: file, fileName: name, useAngleClassifier, models: choice },
        onProgress,
      ),
    );
    if (!response) return;
    publishResult('lastOcr', response);
    // Object URLs are made and revoked here, not inside a state updater (which StrictMode runs twice).
    const sameImage = shown?.image.file === file;
    if (shown && !sameImage) URL.revokeObjectURL(shown.image.url);
    const image = sameImage && shown ? shown.image : { file, name, url: URL.createObjectURL(file) };
    setShown({ image, response });
  };

  const loadSample = async () => {
    try {
      await recognize(await fetchSample(SAMPLE_IMAGE), SAMPLE_IMAGE.name);
    } catch (error) {
      fail(error);
    }
  };

  const busy = state.status === 'running' || !engine;
  const result = shown?.response.result;
  return (
    <section className="task" aria-labelledby="ocr-title">
      <h2 id="ocr-title">Read text in an image (PP-OCRv4)</h2>
      <div className="inputs">
        <FileDrop
          label="Choose an image (PNG, JPEG, WebP)"
          accept="image/png,image/jpeg,image/webp"
          disabled={busy}
          onFile={(file) => void recognize(file, file.name)}
          testId="ocr-file"
        />
        <button type="button" onClick={() => void loadSample()} disabled={busy} data-testid="ocr-sample">
          Use the sample image
        </button>
        <button
          type="button"
          onClick={() => shown && void recognize(shown.image.file, shown.image.name)}
          disabled={busy || !shown}
          data-testid="ocr-rerun"
        >
          Run again on {backend}
        </button>
        <label>
          <input
            type="checkbox"
            checked={useAngleClassifier}
            onChange={(event) => setUseAngleClassifier(event.target.checked)}
          />{' '}
          Fix upside-down lines (angle classifier)
        </label>
        {choices.map(({ role, models: roleModels }) => (
          <ModelSelect
            key={role}
            label={ROLE_WORDS[role]}
            models={roleModels}
            value={choice[role] ?? OCR_MODEL_ROLES[role].defaultId}
            onChange={(id) => setChoice((previous) => ({ ...previous, [role]: id }))}
            disabled={busy}
            testId={`ocr-model-${role}`}
          />
        ))}
      </div>
      <RunStatusLine state={state} testId="ocr-status" />
      {state.status !== 'running' && <PreparingLine state={prepared} testId="ocr-preparing" />}
      {shown && result && (
        <div className="ocr-results" data-testid="ocr-result" data-backend={shown.response.backend}>
          <OcrOverlay
            imageUrl={shown.image.url}
            width={shown.response.result.imageSize.width}
            height={shown.response.result.imageSize.height}
            lines={result.lines}
            highlighted={highlighted}
          />
          <div>
            <p>
              <strong>{shown.image.name}</strong> — {shown.response.result.imageSize.width}×
              {shown.response.result.imageSize.height} px, {result.lines.length} lines, on{' '}
              {shown.response.backend} ({shown.response.runtime.threads} wasm threads)
            </p>
            <ol className="ocr-lines" data-testid="ocr-lines">
              {result.lines.map((line, index) => (
                <li
                  key={index}
                  tabIndex={0}
                  onMouseEnter={() => setHighlighted(index)}
                  onFocus={() => setHighlighted(index)}
                  onMouseLeave={() => setHighlighted(undefined)}
                  onBlur={() => setHighlighted(undefined)}
                >
                  <span className="ocr-text" data-testid="ocr-line-text">
                    {line.text}
                  </span>{' '}
                  <span className="confidence">{(line.confidence * 100).toFixed(1)}%</span>
                  {line.rotated180 && <span className="tag">turned 180°</span>}
                </li>
              ))}
            </ol>
            {result.lines.length === 0 && <p>No text was found in this image.</p>}
            <TimingTable
              testId="ocr-timings"
              stages={ocrStages(result.timings)}
              loads={shown.response.loads}
            />
          </div>
        </div>
      )}
    </section>
  );
}
