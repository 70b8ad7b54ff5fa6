// What the pipeline views (text classification, search, image classification, generation) share: the
// choice of a Transformers.js model and its precision (the built-in models until the engine lists its
// catalog, which adds those fetched from the Hub; a model without the chosen precision runs in its first
// one), and a Hub model by repository id (the engine refuses it while the Hub switch is off).
import { useEffect, useState } from 'react';
import { errorKind, errorMessage } from '../core/errors';
import { modelDtypes, TRANSFORMERS_DTYPES, type ModelRecord } from '../catalog/model-record';
import type { Engine } from '../worker/engine-api';

export interface PipelineModelChoice {
  readonly models: readonly ModelRecord[];
  readonly modelId: string;
  readonly setModelId: (id: string) => void;
  readonly dtypes: readonly string[];
  readonly dtype: string;
  readonly setDtype: (dtype: string) => void;
  /** Adds a Hub model ("owner/name[@revision]") for this view and selects it in `dtype`. */
  readonly addHubModel: (input: string, dtype: string) => Promise<void>;
  /** Why the last Hub model could not be added. */
  readonly hubError?: { readonly kind: string; readonly message: string };
}

export function usePipelineModel(
  engine: Engine | undefined,
  builtIn: readonly ModelRecord[],
  accepts: (record: ModelRecord) => boolean,
  /** The kind of model a Hub model is added as, e.g. "text-classification". */
  hubTask: string,
): PipelineModelChoice {
  const [models, setModels] = useState<readonly ModelRecord[]>(builtIn);
  const [modelId, setModelId] = useState(builtIn[0]?.id ?? '');
  const [chosenDtype, setDtype] = useState('fp32');
  const [hubError, setHubError] = useState<PipelineModelChoice['hubError']>();
  useEffect(() => {
    let active = true;
    void engine?.models().then((all) => {
      if (active) setModels(all.filter(accepts));
    });
    return () => {
      active = false;
    };
  }, [engine, accepts]);
  const model = models.find((record) => record.id === modelId);
  const dtypes = model ? modelDtypes(model) : [];
  const dtype = dtypes.includes(chosenDtype) ? chosenDtype : (dtypes[0] ?? 'fp32');
  const addHubModel = async (input: string, hubDtype: string) => {
    if (!engine) return;
    try {
      const record = await engine.addHubModel(input, hubTask);
      setHubError(undefined);
      setModels(await engine.models().then((all) => all.filter(accepts)));
      setDtype(hubDtype);
      setModelId(record.id);
    } catch (error) {
      setHubError({ kind: errorKind(error) ?? 'Error', message: errorMessage(error) });
    }
  };
  return {
    models,
    modelId,
    setModelId,
    dtypes,
    dtype,
    setDtype,
    addHubModel,
    ...(hubError ? { hubError } : {}),
  };
}

/** A Hub repository id and precision, and the button that adds it; test ids `<testId>-hub-*`. */
function HubModelForm({
  choice,
  disabled,
  testId,
}: {
  choice: PipelineModelChoice;
  disabled: boolean;
  testId: string;
}) {
  const [input, setInput] = useState('');
  const [dtype, setDtype] = useState('q8');
  return (
    <form
      className="hub-model"
      onSubmit={(event) => {
        event.preventDefault();
        void choice.addHubModel(input, dtype);
      }}
    >
      <label>
        Hub model{' '}
        <input
          type="text"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder="owner/name@revision"
          disabled={disabled}
          data-testid={`${testId}-hub-repo`}
        />
      </label>
      <label>
        Precision{' '}
        <select
          value={dtype}
          onChange={(event) => setDtype(event.target.value)}
          disabled={disabled}
          data-testid={`${testId}-hub-dtype`}
        >
          {TRANSFORMERS_DTYPES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={disabled || input.trim() === ''} data-testid={`${testId}-hub-add`}>
        Load from the Hub
      </button>
      {choice.hubError && (
        <p
          className="error"
          role="alert"
          data-testid={`${testId}-hub-error`}
          data-kind={choice.hubError.kind}
        >
          {choice.hubError.message}
        </p>
      )}
    </form>
  );
}

/** The model and precision pickers; test ids `<testId>-model` and `<testId>-dtype`. */
export function PipelineModelPicker({
  choice,
  disabled,
  testId,
}: {
  choice: PipelineModelChoice;
  disabled: boolean;
  testId: string;
}) {
  return (
    <>
      <label>
        Model{' '}
        <select
          value={choice.modelId}
          onChange={(event) => choice.setModelId(event.target.value)}
          disabled={disabled}
          data-testid={`${testId}-model`}
        >
          {choice.models.map((record) => (
            <option key={record.id} value={record.id}>
              {record.displayName}
            </option>
          ))}
        </select>
      </label>
      <label>
        Precision{' '}
        <select
          value={choice.dtype}
          onChange={(event) => choice.setDtype(event.target.value)}
          disabled={disabled}
          data-testid={`${testId}-dtype`}
        >
          {choice.dtypes.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <HubModelForm choice={choice} disabled={disabled} testId={testId} />
    </>
  );
}
