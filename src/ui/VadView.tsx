// The voice-activity task: load a file, the built-in sample or a microphone recording, run Silero
// VAD in the worker, and see the waveform with speech segments and the per-frame probability.
import { useCallback, useEffect, useState } from 'react';
import { decodeAudioFile, type DecodedAudio } from '../inputs/audio-decode';
import type { BackendId } from '../core/backends';
import type { ModelRecord } from '../catalog/model-record';
import type { Engine, TaskResponse } from '../worker/engine-api';
import { VAD_TASK } from '../tasks/vad/handle';
import { VAD_MODELS } from '../tasks/vad/models';
import { SILERO_SAMPLE_RATE } from '../tasks/vad/silero';
import type { VadResult } from '../tasks/vad/vad-pipeline';
import { DEFAULT_SEGMENT_OPTIONS } from '../tasks/vad/segments';
import { silenceNotice } from '../inputs/audio-checks';
import { publishResult } from './automation';
import { FileDrop } from './FileDrop';
import { ModelSelect } from './ModelSelect';
import { PreparingLine, RunStatusLine } from './RunStatusLine';
import { usePreparedTask } from './usePreparedTask';
import { fetchSample, SAMPLE_AUDIO } from './samples';
import { TimingTable } from './TimingTable';
import { useMicrophone } from './useMicrophone';
import { useTaskRun } from './useTaskRun';
import { VadPlot } from './VadPlot';

interface LoadedAudio extends DecodedAudio {
  readonly name: string;
}

interface VadViewProps {
  readonly engine?: Engine;
  readonly backend: BackendId;
  /** The engine's catalog (the task's models and their variants are offered); the built-in list until it has started. */
  readonly models?: readonly ModelRecord[];
  /** Id of one of the task's models or of a variant of one. */
  readonly model: string;
  readonly onModel: (model: string) => void;
  readonly onBusy: (busy: boolean) => void;
}

/** The model task of every voice-activity model, variants included. */
const VAD_MODEL_TASKS = new Set(VAD_MODELS.map((record) => record.task));

export function VadView({ engine, backend, models, model, onModel, onBusy }: VadViewProps) {
  const { state, run, fail } = useTaskRun();
  const prepared = usePreparedTask(engine, VAD_TASK, { backend, modelId: model });
  const [shown, setShown] = useState<{ audio: LoadedAudio; response: TaskResponse<VadResult> }>();

  useEffect(() => onBusy(state.status === 'running'), [state.status, onBusy]);

  const detect = useCallback(
    async (audio: LoadedAudio) => {
      if (!engine) return;
      const response = await run((onProgress) =>
        engine.run(
          VAD_TASK,
          { backend, modelId: model, samples: audio.samples, sampleRate: audio.sampleRate },
          onProgress,
        ),
      );
      if (!response) return;
      publishResult('lastVad', response);
      setShown({ audio, response });
    },
    [engine, backend, model, run],
  );

  const loadFile = useCallback(
    async (file: Blob, name: string) => {
      try {
        await detect({ ...(await decodeAudioFile(file, name, SILERO_SAMPLE_RATE)), name });
      } catch (error) {
        fail(error);
      }
    },
    [detect, fail],
  );

  const onRecording = useCallback(
    (recording: Blob) => void loadFile(recording, 'microphone recording'),
    [loadFile],
  );
  const microphone = useMicrophone(onRecording);

  const loadSample = async () => {
    try {
      await loadFile(await fetchSample(SAMPLE_AUDIO), SAMPLE_AUDIO.name);
    } catch (error) {
      fail(error);
    }
  };

  const busy = state.status === 'running' || !engine || microphone.state.recording;
  const result = shown?.response.result;
  return (
    <section className="task" aria-labelledby="vad-title">
      <h2 id="vad-title">Find speech in audio (Silero VAD)</h2>
      <div className="inputs">
        <FileDrop
          label="Choose audio (WAV, MP3, OGG)"
          accept="audio/*,.wav,.mp3,.ogg,.oga,.webm"
          disabled={busy}
          onFile={(file) => void loadFile(file, file.name)}
          testId="vad-file"
        />
        <button type="button" onClick={() => void loadSample()} disabled={busy} data-testid="vad-sample">
          Use the sample clip
        </button>
        {microphone.state.recording ? (
          <button type="button" onClick={microphone.stop} data-testid="vad-record-stop" className="recording">
            Stop recording ({microphone.state.elapsedS.toFixed(1)} s)
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void microphone.start()}
            disabled={busy || !microphone.state.supported}
            title={microphone.state.supported ? undefined : 'This browser cannot record audio here'}
            data-testid="vad-record"
          >
            Record from microphone
          </button>
        )}
        <button
          type="button"
          onClick={() => shown && void detect(shown.audio)}
          disabled={busy || !shown}
          data-testid="vad-rerun"
        >
          Run again on {backend}
        </button>
        <ModelSelect
          label="Model"
          models={(models ?? VAD_MODELS).filter((record) => VAD_MODEL_TASKS.has(record.task))}
          value={model}
          onChange={onModel}
          disabled={busy}
          testId="vad-model"
        />
      </div>
      {microphone.state.error && (
        <div className="error" role="alert" data-testid="microphone-error">
          {microphone.state.error}
        </div>
      )}
      <RunStatusLine state={state} testId="vad-status" />
      {state.status !== 'running' && <PreparingLine state={prepared} testId="vad-preparing" />}
      {shown && result && (
        <div className="vad-results" data-testid="vad-result" data-backend={shown.response.backend}>
          <p>
            <strong>{shown.audio.name}</strong> — {result.audio.durationS.toFixed(2)} s, peak{' '}
            {Number.isFinite(result.audio.peakDb) ? `${result.audio.peakDb.toFixed(1)} dBFS` : 'silent'}, on{' '}
            {shown.response.backend} with {shown.response.result.frameSeconds * 1000} ms frames
          </p>
          {silenceNotice(result.audio) && (
            <p className="notice" data-testid="vad-silent">
              {silenceNotice(result.audio)}
            </p>
          )}
          <VadPlot
            samples={shown.audio.samples}
            sampleRate={shown.audio.sampleRate}
            probabilities={result.probabilities}
            frameSeconds={result.frameSeconds}
            segments={result.segments}
            threshold={DEFAULT_SEGMENT_OPTIONS.threshold}
          />
          <h3>Speech segments ({result.segments.length})</h3>
          <ol className="segments" data-testid="vad-segments">
            {result.segments.map((segment, index) => (
              <li key={index} data-start={segment.startS} data-end={segment.endS}>
                {segment.startS.toFixed(2)} s – {segment.endS.toFixed(2)} s (
                {(segment.endS - segment.startS).toFixed(2)} s)
              </li>
            ))}
          </ol>
          {result.segments.length === 0 && !result.audio.silent && <p>No speech was found.</p>}
          <TimingTable
            testId="vad-timings"
            stages={[
              ['Resampling to 16 kHz', result.timings.resampleMs],
              ['Inference (all frames)', result.timings.inferenceMs],
              ['Per frame', result.timings.perFrameMs],
              ['Total', result.timings.totalMs],
            ]}
            loads={shown.response.loads}
          />
        </div>
      )}
    </section>
  );
}
