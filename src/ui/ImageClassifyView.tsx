// The image-classification task: pick or drop an image (or a built-in sample), decode it in the page
// (a non-image or oversized file is refused from its header, with the reason), move its pixels to the
// worker's Transformers.js pipeline in the chosen model and precision, and show the top five labels as
// score bars with the time it took and how the model was loaded.
import { useEffect, useState } from 'react';
import type { BackendId } from '../core/backends';
import type { ModelRecord } from '../catalog/model-record';
import { decodeImageFile } from '../inputs/image-decode';
import {
  IMAGE_CLASSIFICATION_TASK,
  type ImageClassificationResult,
} from '../tasks/image-classification/handle';
import { IMAGE_CLASSIFICATION_MODELS } from '../tasks/image-classification/models';
import type { Engine, TaskResponse } from '../worker/engine-api';
import { publishResult } from './automation';
import { FileDrop } from './FileDrop';
import { PipelineModelPicker, usePipelineModel } from './PipelineModelPicker';
import { PreparingLine, RunStatusLine } from './RunStatusLine';
import { drawSampleImage, SAMPLE_IMAGES, type SampleImage } from './sample-images';
import { TimingTable } from './TimingTable';
import { usePreparedTask } from './usePreparedTask';
import { useTaskRun } from './useTaskRun';

const TOP_K = 5;

const isImageClassifier = (record: ModelRecord) => record.task === 'image-classification';

interface ShownImage {
  readonly file: Blob;
  readonly name: string;
  readonly url: string;
}

interface Shown {
  readonly image: ShownImage;
  readonly response: TaskResponse<ImageClassificationResult>;
  readonly decodeMs: number;
}

interface ImageClassifyViewProps {
  readonly engine?: Engine;
  readonly backend: BackendId;
  readonly onBusy: (busy: boolean) => void;
}

export function ImageClassifyView({ engine, backend, onBusy }: ImageClassifyViewProps) {
  const choice = usePipelineModel(
    engine,
    IMAGE_CLASSIFICATION_MODELS,
    isImageClassifier,
    'image-classification',
  );
  const { modelId, dtype } = choice;
  const { state, run, fail } = useTaskRun();
  const prepared = usePreparedTask(engine, IMAGE_CLASSIFICATION_TASK, { backend, modelId, dtype });
  const [shown, setShown] = useState<Shown>();

  useEffect(() => onBusy(state.status === 'running'), [state.status, onBusy]);

  const classify = async (file: Blob, name: string) => {
    if (!engine) return;
    let decodeMs = 0;
    const response = await run(async (onProgress) => {
      onProgress({ message: `Decoding ${name}` });
      const started = performance.now();
      // Decoded afresh for every run: the pixels' buffer moves to the worker.
      const image = await decodeImageFile(file, name);
      decodeMs = performance.now() - started;
      return engine.run(
        IMAGE_CLASSIFICATION_TASK,
        { backend, modelId, dtype, image, topK: TOP_K },
        onProgress,
      );
    });
    if (!response) return;
    publishResult('lastImageClassification', response);
    // Object URLs are made and revoked here, not inside a state updater (which StrictMode runs twice).
    const sameImage = shown?.image.file === file;
    if (shown && !sameImage) URL.revokeObjectURL(shown.image.url);
    const image = sameImage && shown ? shown.image : { file, name, url: URL.createObjectURL(file) };
    setShown({ image, response, decodeMs });
  };

  const classifySample = async (sample: SampleImage) => {
    try {
      const file = await drawSampleImage(sample);
      await classify(file, file.name);
    } catch (error) {
      fail(error);
    }
  };

  const busy = state.status === 'running' || !engine;
  const result = shown?.response.result;
  return (
    <section className="task" aria-labelledby="image-title">
      <h2 id="image-title">Classify an image (Transformers.js)</h2>
      <div className="inputs">
        <PipelineModelPicker choice={choice} disabled={busy} testId="image" />
        <FileDrop
          label="Choose an image (PNG, JPEG, WebP)"
          accept="image/png,image/jpeg,image/webp"
          disabled={busy}
          onFile={(file) => void classify(file, file.name)}
          testId="image-file"
        />
        <button
          type="button"
          onClick={() => shown && void classify(shown.image.file, shown.image.name)}
          disabled={busy || !shown}
          data-testid="image-run"
        >
          Classify again ({dtype} on {backend})
        </button>
      </div>
      <div className="inputs samples" role="group" aria-label="Sample images">
        <span>Or a sample:</span>
        {SAMPLE_IMAGES.map((sample) => (
          <button
            key={sample.id}
            type="button"
            className="sample-swatch"
            onClick={() => void classifySample(sample)}
            disabled={busy}
            data-testid={`image-sample-${sample.id}`}
          >
            <span
              className="swatch"
              aria-hidden="true"
              style={{
                background:
                  sample.colours.length > 1
                    ? `linear-gradient(to right, ${sample.colours.join(', ')})`
                    : sample.colours[0],
              }}
            />
            {sample.name}
          </button>
        ))}
      </div>
      <RunStatusLine state={state} testId="image-status" />
      {state.status !== 'running' && <PreparingLine state={prepared} testId="image-preparing" />}
      {shown && result && (
        <div className="image-results" data-testid="image-result" data-backend={shown.response.backend}>
          <figure>
            <img
              src={shown.image.url}
              alt={`The classified image, ${shown.image.name}`}
              data-testid="image-preview"
            />
            <figcaption>
              <strong>{shown.image.name}</strong> — {result.imageSize.width}×{result.imageSize.height} px
            </figcaption>
          </figure>
          <div>
            <table className="results scores" data-testid="image-labels">
              <caption>
                Top {result.labels.length} labels ({result.modelId}, {result.dtype}, on{' '}
                {shown.response.backend})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {result.labels.map(({ label, score }) => (
                  <tr key={label} data-testid="image-label" data-label={label} data-score={score}>
                    <th scope="row">{label}</th>
                    <td>
                      <meter min={0} max={1} value={score} aria-label={`${label} score`} /> {score.toFixed(3)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <TimingTable
              stages={[
                ['Decoding the file (in the page)', shown.decodeMs],
                [`Image processor and model (${result.dtype})`, result.inferenceMs],
              ]}
              loads={shown.response.loads}
              testId="image-timings"
            />
          </div>
        </div>
      )}
    </section>
  );
}
