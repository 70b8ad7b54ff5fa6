// The text-classification task: lines of text (typed, pasted or from a .txt/.md file) through a
// Transformers.js pipeline in the worker, with the model's precision (dtype) as a choice, and each
// line's labels with their scores.
import { useEffect, useState } from 'react';
import type { BackendId } from '../core/backends';
import { modelDtypes, type ModelRecord } from '../catalog/model-record';
import { TEXT_CLASSIFICATION_TASK, type TextClassificationResult } from '../tasks/text-classification/handle';
import { TEXT_CLASSIFICATION_MODELS } from '../tasks/text-classification/models';
import type { Engine, TaskResponse } from '../worker/engine-api';
import { publishResult } from './automation';
import { FileDrop } from './FileDrop';
import { PreparingLine, RunStatusLine } from './RunStatusLine';
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

interface TextClassifyViewProps {
  readonly engine?: Engine;
  readonly backend: BackendId;
  readonly onBusy: (busy: boolean) => void;
}

export function TextClassifyView({ engine, backend, onBusy }: TextClassifyViewProps) {
  // The built-in models until the engine lists its catalog, which adds the ones fetched from the Hub.
  const [models, setModels] = useState<readonly ModelRecord[]>(TEXT_CLASSIFICATION_MODELS);
  const [modelId, setModelId] = useState(TEXT_CLASSIFICATION_MODELS[0]?.id ?? '');
  const model = models.find((record) => record.id === modelId);
  const dtypes = model ? modelDtypes(model) : [];
  const [chosenDtype, setDtype] = useState('fp32');
  // A model without the chosen precision runs in its first one.
  const dtype = dtypes.includes(chosenDtype) ? chosenDtype : (dtypes[0] ?? 'fp32');
  const [text, setText] = useState(EXAMPLE);
  const { state, run, fail } = useTaskRun();
  const prepared = usePreparedTask(engine, TEXT_CLASSIFICATION_TASK, { backend, modelId, dtype });
  const [response, setResponse] = useState<TaskResponse<TextClassificationResult>>();

  useEffect(() => onBusy(state.status === 'running'), [state.status, onBusy]);
  useEffect(() => {
    let active = true;
    void engine?.models().then((all) => {
      if (active) setModels(all.filter((record) => record.task === 'text-classification'));
    });
    return () => {
      active = false;
    };
  }, [engine]);

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
      if (file.size > MAX_TEXT_FILE_BYTES)
        throw new Error(
          `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; text files up to 1 MB are read as lines.`,
        );
      const content = await file.text();
      if (content.includes('\u0000')) throw new Error(`${file.name} is not a text file.`);
      setText(content);
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
        <label>
          Model{' '}
          <select
            value={modelId}
            onChange={(event) => setModelId(event.target.value)}
            disabled={busy}
            data-testid="classify-model"
          >
            {models.map((record) => (
              <option key={record.id} value={record.id}>
                {record.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Precision{' '}
          <select
            value={dtype}
            onChange={(event) => setDtype(event.target.value)}
            disabled={busy}
            data-testid="classify-dtype"
          >
            {dtypes.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
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
