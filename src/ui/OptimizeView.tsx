// The Optimize view: make a smaller or faster variant of a model in this tab (fp16, int8 dynamic,
// int8 static with calibration, 4-bit; Transformers.js models in the Hugging Face layout get a file of
// the matching dtype, int8 static only where the task calibrates through the tokenizer), see what
// changed (size, sha256, per-operator report, lineage), and keep it: the variant is saved in this
// browser and joins the catalog, so the task views, the model cards and the benchmark offer it, also
// after a reload. The work runs in the inference worker.
import { useEffect, useState } from 'react';
import { modelFile, type ModelRecord } from '../catalog/model-record';
import { errorMessage } from '../core/errors';
import {
  DEFAULT_CALIBRATION,
  DEFAULT_CALIBRATION_SAMPLES,
  DEFAULT_PERCENTILE,
  OPTIMIZE_METHODS,
  type CalibrationMethod,
  type OptimizeMethod,
} from '../optimizer/optimize';
import type { Engine, OptimizeChoice, OptimizeRequest, OptimizeResponse } from '../worker/engine-api';
import { publishResult } from './automation';
import { RunStatusLine } from './RunStatusLine';
import { useTaskRun } from './useTaskRun';
import { VariantLineageList } from './VariantLineageList';

const METHOD_LABELS: Readonly<Record<OptimizeMethod, string>> = {
  fp16: 'fp16 (half-precision weights and activations)',
  'int8-dynamic': 'int8 dynamic (weights int8, activations quantized at run time)',
  'int8-static': 'int8 static (activations calibrated on the task’s inputs)',
  q4: '4-bit weights (MatMul)',
};

/** The bytes of a model's model file (a variant's config and tokenizer files are its parent's). */
const modelBytes = (model: ModelRecord) => modelFile(model, 'model').bytes;

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

interface OptimizeViewProps {
  readonly engine?: Engine;
  readonly models?: readonly ModelRecord[];
  /** Reads the engine's catalog again after a variant was made or deleted. */
  readonly onModels: () => Promise<void>;
  readonly onBusy: (busy: boolean) => void;
}

export function OptimizeView({ engine, models = [], onModels, onBusy }: OptimizeViewProps) {
  const { state, run } = useTaskRun();
  // Which models and methods the engine offers, and why it refuses the others: its rule, asked again
  // whenever the catalog changes.
  const [choices, setChoices] = useState<readonly OptimizeChoice[]>([]);
  useEffect(() => {
    if (!engine) return;
    let current = true;
    void engine.optimizeChoices().then((offered) => current && setChoices(offered));
    return () => {
      current = false;
    };
  }, [engine, models]);
  const parents = models.filter((model) => choices.some((choice) => choice.modelId === model.id));
  const refusedFor = (id: string) => choices.find((choice) => choice.modelId === id)?.refused ?? {};
  const variants = models.filter((model) => model.variant);
  const [modelId, setModelId] = useState('silero-vad-v5');
  const [method, setMethod] = useState<OptimizeMethod>('fp16');
  const [calibrationMethod, setCalibrationMethod] = useState<CalibrationMethod>(DEFAULT_CALIBRATION.method);
  const [percentile, setPercentile] = useState(DEFAULT_PERCENTILE);
  const [samples, setSamples] = useState(DEFAULT_CALIBRATION_SAMPLES);
  const [result, setResult] = useState<OptimizeResponse>();
  const [deleteError, setDeleteError] = useState<string>();

  useEffect(() => onBusy(state.status === 'running'), [state.status, onBusy]);
  const refused = refusedFor(modelId);

  /** A method the new model is not offered (int8 static without calibration inputs) falls back to fp16. */
  const chooseModel = (id: string) => {
    if (refusedFor(id)[method] !== undefined) setMethod('fp16');
    setModelId(id);
  };

  const optimize = async () => {
    if (!engine) return;
    const request: OptimizeRequest = {
      modelId,
      method,
      ...(method === 'int8-static'
        ? {
            calibration: {
              method: calibrationMethod,
              samples,
              ...(calibrationMethod === 'percentile' ? { percentile } : {}),
            },
          }
        : {}),
    };
    const response = await run((onProgress) => engine.optimize(request, onProgress));
    if (!response) return;
    setResult(response);
    publishResult('lastOptimize', response);
    await onModels();
  };

  const remove = async (id: string) => {
    if (!engine) return;
    setDeleteError(undefined);
    try {
      await engine.deleteVariant(id);
      if (result?.record.id === id) setResult(undefined);
      await onModels();
    } catch (error) {
      setDeleteError(errorMessage(error));
    }
  };

  const busy = state.status === 'running' || !engine;
  return (
    <section className="task" aria-labelledby="optimize-title">
      <h2 id="optimize-title">Make a variant of a model (optimizer)</h2>
      <p>
        The variant is made and checked in this tab, saved in this browser, and then offered like any model:
        in its task’s view, the model cards and the benchmark. Compare it with the original in the benchmark
        before trusting it.
      </p>
      <form
        className="inputs optimize-form"
        onSubmit={(event) => {
          event.preventDefault();
          void optimize();
        }}
      >
        <label>
          Model{' '}
          <select
            value={modelId}
            onChange={(event) => chooseModel(event.target.value)}
            disabled={busy}
            data-testid="optimize-model"
          >
            {parents.map((model) => (
              <option key={model.id} value={model.id}>
                {model.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Method{' '}
          <select
            value={method}
            onChange={(event) => setMethod(event.target.value as OptimizeMethod)}
            disabled={busy}
            data-testid="optimize-method"
          >
            {OPTIMIZE_METHODS.map((id) => (
              <option key={id} value={id} disabled={refused[id] !== undefined}>
                {METHOD_LABELS[id]}
                {refused[id] !== undefined && ` (${refused[id]})`}
              </option>
            ))}
          </select>
        </label>
        {method === 'int8-static' && (
          <fieldset className="calibration">
            <legend>Calibration</legend>
            <label>
              Ranges from{' '}
              <select
                value={calibrationMethod}
                onChange={(event) => setCalibrationMethod(event.target.value as CalibrationMethod)}
                disabled={busy}
                data-testid="optimize-calibration-method"
              >
                <option value="minmax">min-max</option>
                <option value="percentile">percentile</option>
              </select>
            </label>
            {calibrationMethod === 'percentile' && (
              <NumberField
                label="Percentile"
                value={percentile}
                range={[90, 100, 0.001]}
                onChange={setPercentile}
                disabled={busy}
                testId="optimize-percentile"
              />
            )}
            <NumberField
              label="Samples"
              value={samples}
              range={[1, 1000, 1]}
              onChange={setSamples}
              disabled={busy}
              testId="optimize-samples"
            />
          </fieldset>
        )}
        <button type="submit" disabled={busy || parents.length === 0} data-testid="optimize-run">
          Make the variant
        </button>
      </form>
      <RunStatusLine state={state} testId="optimize-status" />
      {result && <OptimizeResult response={result} />}
      <h3>Variants in the catalog ({variants.length})</h3>
      {deleteError && (
        <div className="error" role="alert" data-testid="optimize-delete-error">
          {deleteError}
        </div>
      )}
      {variants.length === 0 ? (
        <p data-testid="optimize-no-variants">No variants yet.</p>
      ) : (
        <ul className="variants" data-testid="optimize-variants">
          {variants.map((model) => (
            <li key={model.id} data-testid={`optimize-variant-${model.id}`}>
              <strong>{model.displayName}</strong> <code>{model.id}</code>, {megabytes(modelBytes(model))}{' '}
              <button
                type="button"
                onClick={() => void remove(model.id)}
                disabled={busy}
                aria-label={`Delete ${model.displayName}`}
                data-testid={`optimize-delete-${model.id}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OptimizeResult({ response }: { response: OptimizeResponse }) {
  const { record, report, parentBytes } = response;
  const file = modelFile(record, 'model');
  const bytes = file.bytes;
  const converted = Object.entries(report.converted).filter(([, count]) => count > 0);
  return (
    <div className="optimize-result" data-testid="optimize-result" data-variant={record.id}>
      <h3>{record.displayName}</h3>
      <p data-testid="optimize-size">
        {megabytes(parentBytes)} → {megabytes(bytes)} ({((bytes / parentBytes) * 100).toFixed(0)}% of the
        original), made in {(response.optimizeMs / 1000).toFixed(1)} s
      </p>
      <p>
        Id <code>{record.id}</code>, {file.name} sha256{' '}
        <code className="hash" data-testid="optimize-sha256">
          {file.sha256}
        </code>
      </p>
      <table data-testid="optimize-report">
        <caption>What the {report.method} method did, per operator</caption>
        <thead>
          <tr>
            <th scope="col">Operator</th>
            <th scope="col">Nodes</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {converted.map(([opType, count]) => (
            <tr key={`converted-${opType}`} data-outcome="converted">
              <th scope="row">{opType}</th>
              <td>{count}</td>
              <td>converted</td>
            </tr>
          ))}
          {report.keptFloat.map((entry) => (
            <tr key={`kept-${entry.opType}-${entry.reason}`} data-outcome="kept">
              <th scope="row">{entry.opType}</th>
              <td>{entry.count}</td>
              <td>kept in fp32: {entry.reason}</td>
            </tr>
          ))}
          {report.skipped.map((entry) => (
            <tr key={`skipped-${entry.opType}-${entry.reason}`} data-outcome="skipped">
              <th scope="row">{entry.opType}</th>
              <td>{entry.count}</td>
              <td>skipped: {entry.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* The lineage's summary repeats the report in words, with its notes (opset raised, …). */}
      {record.variant && <VariantLineageList lineage={record.variant} />}
    </div>
  );
}

/** A labelled number input (the calibration settings). */
function NumberField(props: {
  readonly label: string;
  readonly value: number;
  readonly range: readonly [min: number, max: number, step: number];
  readonly onChange: (value: number) => void;
  readonly disabled: boolean;
  readonly testId: string;
}) {
  const [min, max, step] = props.range;
  return (
    <label>
      {props.label}{' '}
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={props.value}
        onChange={(event) => props.onChange(Number(event.target.value))}
        disabled={props.disabled}
        data-testid={props.testId}
      />
    </label>
  );
}
