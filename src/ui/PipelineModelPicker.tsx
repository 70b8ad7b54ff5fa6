// What the pipeline views (text classification, search, image classification) share: the choice of a
// Transformers.js model and its precision (the built-in models until the engine lists its catalog,
// which adds those fetched from the Hub; a model without the chosen precision runs in its first one).
import { useEffect, useState } from 'react';
import { modelDtypes, type ModelRecord } from '../catalog/model-record';
import type { Engine } from '../worker/engine-api';

export interface PipelineModelChoice {
  readonly models: readonly ModelRecord[];
  readonly modelId: string;
  readonly setModelId: (id: string) => void;
  readonly dtypes: readonly string[];
  readonly dtype: string;
  readonly setDtype: (dtype: string) => void;
}

export function usePipelineModel(
  engine: Engine | undefined,
  builtIn: readonly ModelRecord[],
  accepts: (record: ModelRecord) => boolean,
): PipelineModelChoice {
  const [models, setModels] = useState<readonly ModelRecord[]>(builtIn);
  const [modelId, setModelId] = useState(builtIn[0]?.id ?? '');
  const [chosenDtype, setDtype] = useState('fp32');
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
  return { models, modelId, setModelId, dtypes, dtype, setDtype };
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
    </>
  );
}
