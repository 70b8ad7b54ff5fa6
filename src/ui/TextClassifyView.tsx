// The text-classification task: lines of text (typed, pasted or from a .txt/.md file) through a
// Transformers.js pipeline in the worker, with the model's precision (dtype) as a choice, and each
// line's labels with their scores.
import { useEffect, useState } from 'react';
import type { BackendId } from '../core/backends';
import type { ModelRecord } from '../catalog/model-record';
import { TEXT_CLASSIFICATION_TASK, type TextClassificationResult } from '../tasks/text-classification/handle';
import { TEXT_CLASSIFICATION_MODELS } from '../tasks/text-classification/models';
import type { Engine, TaskResponse } from '../worker/engine-api';
import { publishResult } from './automation';
import { FileDrop } from './FileDrop';
import { FilesRead } from './FilesRead';
import { PreparingLine, RunStatusLine } from './RunStatusLine';
import { PipelineModelPicker, usePipelineModel } from './PipelineModelPicker';
import { readTextFile } from './read-text-file';
import { TimingTable } from './TimingTable';
import { usePreparedTask } from './usePreparedTask';
import { useTaskRun } from './useTaskRun';

const EXAMPLE = [
  'What a great phone, the battery is excellent',
  'The worst app: slow and broken',
  'The meeting room is on the second floor',
].join('\n');

/** Text files read as lines; anything larger is not a list of lines to classify. */
const MAX_TEXT_FILE_BYTES = 1_000_000;

const isClassifier = (record: ModelRecord) => record.task === 'text-classification';

interface TextClassifyViewProps {
  readonly engine?: Engine;
  readonly backend: BackendId;
  readonly onBusy: (busy: boolean) => void;
}

export function TextClassifyView({ engine, backend, onBusy }: TextClassifyViewProps) {
  const choice = usePipelineModel(engine, TEXT_CLASSIFICATION_MODELS, isClassifier, 'text-classification');
  const { modelId, dtype } = choice;
  const [text, setText] = useState(EXAMPLE);
  const { state, run, fail } = useTaskRun();
  const prepared = usePreparedTask(engine, TEXT_CLASSIFICATION_TASK, { backend, modelId, dtype });
  const [response, setResponse] = useState<TaskResponse<TextClassificationResult>>();

  useEffect(() => onBusy(state.status === 'running'), [state.status, onBusy]);

  const classify = async () => {
    if (!engine) return;
    const texts = text.split('\n');
    const result = await run((onProgress) =>
      engine.run(TEXT_CLASSIFICATION_TASK, { backend, modelId, dtype, texts, topK: 2 }, onProgress),
    );
    if (!result) return;
    publishResult('lastTextClassification', result);
    setResponse(result);
  };

  const loadFile = async (file: File) => {
    try {
      setText(await readTextFile(file, MAX_TEXT_FILE_BYTES));
    } catch (error) {
      fail(error);
    }
  };

  const busy = state.status === 'running' || !engine;
  const result = response?.result;
  return (
    <section className="task" aria-labelledby="classify-title">
      <h2 id="classify-title">Classify text (Transformers.js)</h2>
      <div className="inputs">
        <PipelineModelPicker choice={choice} disabled={busy} testId="classify" />
        <FileDrop
          label="Choose a text file (.txt, .md)"
          accept=".txt,.md,text/plain,text/markdown"
          disabled={busy}
          onFile={(file) => void loadFile(file)}
          testId="classify-file"
        />
      </div>
      <label className="text-input">
        One text per line
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={6}
          disabled={busy}
          data-testid="classify-text"
        />
      </label>
      <div className="inputs">
        <button type="button" onClick={() => void classify()} disabled={busy} data-testid="classify-run">
          Classify
        </button>
      </div>
      <PreparingLine state={prepared} testId="classify-preparing" />
      <RunStatusLine state={state} testId="classify-status" />
      <FilesRead loads={[...(prepared.loads ?? []), ...(response?.loads ?? [])]} testId="classify-files" />
      {result && response && (
        <>
          <table className="results" data-testid="classify-results">
            <thead>
              <tr>
                <th>Text</th>
                <th>Label</th>
                <th>Score</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map(({ text: line, labels }, index) => {
                const [best] = labels;
                return (
                  <tr
                    key={index}
                    data-testid="classify-row"
                    data-label={best?.label}
                    data-score={best?.score}
                  >
                    <td>{line}</td>
                    <td>{best?.label}</td>
                    <td>
                      <meter min={0} max={1} value={best?.score ?? 0} /> {(best?.score ?? 0).toFixed(3)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <TimingTable
            stages={[
              [`Tokenizer and model, ${result.results.length} texts (${result.dtype})`, result.inferenceMs],
            ]}
            loads={response.loads}
            testId="classify-timings"
          />
        </>
      )}
    </section>
  );
}
