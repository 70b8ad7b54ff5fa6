// The text-generation task: a prompt continued greedily by a Transformers.js text-generation pipeline in
// the worker, the text streaming in token by token (from the run's progress), a Stop that ends it after
// the current token (a shared stop flag the worker reads between tokens), and the numbers a person
// compares generation by: time to first token, tokens per second, token count and how the model loaded.
import { useEffect, useState } from 'react';
import type { BackendId } from '../core/backends';
import { createStopFlag, raiseStop, stopReachesWorker, type StopFlag } from '../core/stop-flag';
import type { ModelRecord } from '../catalog/model-record';
import {
  MAX_NEW_TOKENS,
  TEXT_GENERATION_TASK,
  type TextGenerationResult,
} from '../tasks/text-generation/handle';
import { TEXT_GENERATION_MODELS } from '../tasks/text-generation/models';
import type { Engine, TaskResponse } from '../worker/engine-api';
import { publishResult } from './automation';
import { PreparingLine, RunStatusLine } from './RunStatusLine';
import { PipelineModelPicker, usePipelineModel } from './PipelineModelPicker';
import { TimingTable } from './TimingTable';
import { loadsOfRun, usePreparedTask } from './usePreparedTask';
import { useTaskRun } from './useTaskRun';

/** Words the built-in model knows: it counts on from "three" (see its model card). */
const EXAMPLE_PROMPT = 'one two three';
const DEFAULT_MAX_NEW_TOKENS = '64';

const isGenerator = (record: ModelRecord) => record.task === 'text-generation';

interface GenerateViewProps {
  readonly engine?: Engine;
  readonly backend: BackendId;
  /** WebGPU runs on a software adapter here: its speed is not a GPU's. */
  readonly softwareAdapter: boolean;
  readonly onBusy: (busy: boolean) => void;
}

export function GenerateView({ engine, backend, softwareAdapter, onBusy }: GenerateViewProps) {
  const choice = usePipelineModel(engine, TEXT_GENERATION_MODELS, isGenerator, 'text-generation');
  const { modelId, dtype } = choice;
  const [prompt, setPrompt] = useState(EXAMPLE_PROMPT);
  const [maxNewTokens, setMaxNewTokens] = useState(DEFAULT_MAX_NEW_TOKENS);
  const { state, run } = useTaskRun();
  const prepared = usePreparedTask(engine, TEXT_GENERATION_TASK, { backend, modelId, dtype });
  const [response, setResponse] = useState<TaskResponse<TextGenerationResult>>();
  /** The running generation's stop flag. */
  const [stop, setStop] = useState<StopFlag>();
  const [stopping, setStopping] = useState(false);

  const generating = state.status === 'running';
  useEffect(() => onBusy(generating), [generating, onBusy]);

  const generate = async () => {
    if (!engine) return;
    const flag = createStopFlag();
    setStop(flag);
    setStopping(false);
    setResponse(undefined);
    const result = await run((onProgress) =>
      engine.run(
        TEXT_GENERATION_TASK,
        // The task explains a count that is missing or out of range.
        { backend, modelId, dtype, prompt, maxNewTokens: Number(maxNewTokens), stop: flag },
        onProgress,
      ),
    );
    setStop(undefined);
    setStopping(false);
    if (!result) return;
    publishResult('lastGeneration', result);
    setResponse(result);
  };

  const requestStop = () => {
    if (!stop) return;
    raiseStop(stop);
    setStopping(true);
  };

  const result = response?.result;
  const partial = generating ? state.progress?.partial : undefined;
  const shownText = partial?.text ?? result?.text ?? '';
  const busy = generating || !engine;
  const speedNote = backend === 'webgpu' && softwareAdapter ? ' (software adapter)' : '';
  return (
    <section className="task" aria-labelledby="generate-title">
      <h2 id="generate-title">Generate text (Transformers.js)</h2>
      <div className="inputs">
        <PipelineModelPicker choice={choice} disabled={busy} testId="generate" />
        <label>
          Max new tokens{' '}
          <input
            type="number"
            min={1}
            max={MAX_NEW_TOKENS}
            value={maxNewTokens}
            onChange={(event) => setMaxNewTokens(event.target.value)}
            disabled={busy}
            data-testid="generate-max-tokens"
          />
        </label>
      </div>
      <label className="text-input">
        Prompt
        <textarea
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          rows={3}
          disabled={busy}
          data-testid="generate-prompt"
        />
      </label>
      <div className="inputs">
        <button type="button" onClick={() => void generate()} disabled={busy} data-testid="generate-run">
          Generate
        </button>
        <button
          type="button"
          onClick={requestStop}
          disabled={!generating || stopping || !stop || !stopReachesWorker(stop)}
          title={
            stop && !stopReachesWorker(stop)
              ? 'Stop needs shared memory, which this page only has when it is cross-origin isolated'
              : undefined
          }
          data-testid="generate-stop"
        >
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      </div>
      <PreparingLine state={prepared} testId="generate-preparing" />
      <RunStatusLine state={state} testId="generate-status" />
      <output className="generated" aria-busy={generating} data-testid="generate-output">
        {shownText}
      </output>
      {result && response && (
        <>
          <dl className="generation-stats" data-testid="generate-stats">
            <div>
              <dt>Time to first token</dt>
              <dd data-testid="generate-ttft">{result.ttftMs.toFixed(1)} ms</dd>
            </div>
            <div>
              <dt>Tokens per second{speedNote}</dt>
              <dd data-testid="generate-speed">
                {result.tokensPerS === null ? 'n/a (under two tokens)' : result.tokensPerS.toFixed(1)}
              </dd>
            </div>
            <div>
              <dt>New tokens</dt>
              <dd data-testid="generate-tokens">
                {result.tokenCount} of at most {result.maxNewTokens}
              </dd>
            </div>
            <div>
              <dt>Ended</dt>
              <dd data-testid="generate-ended">
                {result.stopped
                  ? 'stopped'
                  : result.tokenCount >= result.maxNewTokens
                    ? 'token limit'
                    : 'end of text'}
              </dd>
            </div>
          </dl>
          <TimingTable
            stages={[
              [`Prompt to first token (${result.dtype})`, result.ttftMs],
              [`Whole generation, ${result.tokenCount} tokens`, result.totalMs],
            ]}
            loads={loadsOfRun(response.loads, prepared)}
            testId="generate-timings"
          />
        </>
      )}
    </section>
  );
}
