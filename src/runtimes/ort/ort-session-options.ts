// The session options a benchmark can vary on ONNX Runtime Web, from the text of a backend config
// (`wasm-1t~opt=basic~mempattern=on`, parsed generically by src/bench/backend-configs.ts) to the
// InferenceSession.SessionOptions the session is created with, checked, and written back as the code of
// the recommendation's snippet. Pure: no onnxruntime-web code is loaded here, only its types.
//
// What onnxruntime-web 1.30 does with each SessionOptions field (onnxruntime-common's
// inference-session.d.ts, and the web build's lib/wasm/session-options.ts, which hands them to
// OrtCreateSessionOptions in its wasm api.cc):
// - `opt` → graphOptimizationLevel: disabled | basic | extended | layout | all. Honoured (levels 0, 1,
//   2, 3, 99). Web default and ours: all. `layout` is the level ORT added between extended and all.
// - `mempattern` → enableMemPattern: on | off. Honoured on wasm and WebNN. The web build passes
//   `!!enableMemPattern`, so its default is OFF (native ORT's is on); and it forces it off whenever the
//   webgpu provider is in the list, so `webgpu~mempattern=on` is refused here instead of measured as if.
// - `arena` → enableCpuMemArena: on | off. Honoured, and likewise OFF by default in the web build
//   (`!!enableCpuMemArena`), unlike native ORT. So `~arena=off` and `~mempattern=off` are the default
//   session spelled out; `~arena=on` and `~mempattern=on` are the ones that change something.
// - `dims` → freeDimensionOverrides: `name:value;name:value` (`;` because `,` separates backend configs
//   in a list). Honoured: AddFreeDimensionOverrideByName, i.e. by the graph input's dim_param. ORT
//   ignores a name the model lacks without a word, so the runtime checks the names against the model's
//   graph inputs (onnx-inputs.ts) and fails the cell on a typo. Values: whole numbers ≥ 1. Inputs fed
//   with another size still run (onnxruntime-node 1.30 ran the recognizer overridden to 1×320 on a
//   2×160 batch), so the benchmark's agreement check is what catches a wrong override.
// Left out, because the web build ignores them or they do not apply to a benchmark cell:
// intraOpNumThreads / interOpNumThreads (Node and React Native only; the web build takes the thread
// count from env.wasm.numThreads at start-up, which is already a dimension: `wasm-1t`, `wasm-2t`),
// executionMode 'parallel' (the threaded build runs sessions on its global pools, whose inter-op pool
// has one thread), enableGraphCapture and preferredOutputLocation (WebGPU with GPU-resident inputs and
// outputs only; the workloads feed CPU tensors), enableProfiling and the log levels (the diagnostic
// session's business), optimizedModelFilePath (writes a file, measures nothing).
//
// Free dimensions of the shipped models (graph input dim_param, read with onnxruntime-node's
// session.inputMetadata from public/models/<id>/model.onnx; onnx-inputs.test.ts reads the same):
// - ppocr-v4-rec: x [p2o.DynamicDimension.0 (batch), 3, 48, p2o.DynamicDimension.1 (width)]. The
//   benchmark feeds one 48×320 line: `dims=p2o.DynamicDimension.0:1;p2o.DynamicDimension.1:320`. The app
//   itself batches crops of varying width, so an override fits only a fixed-size deployment.
// - ppocr-mobile-v2-cls: x [p2o.DynamicDimension.0 (batch), 3, p2o.DynamicDimension.1 (height),
//   p2o.DynamicDimension.2 (width)]. Benchmark input 48×192:
//   `dims=p2o.DynamicDimension.0:1;p2o.DynamicDimension.1:48;p2o.DynamicDimension.2:192`.
// - ppocr-v4-det: x [p2o.DynamicDimension.0 (batch), 3, p2o.DynamicDimension.1 (height),
//   p2o.DynamicDimension.2 (width)]. At the benchmark's detection size (640 by default, --detsize):
//   `dims=p2o.DynamicDimension.0:1;p2o.DynamicDimension.1:640;p2o.DynamicDimension.2:640`.
// - silero-vad-legacy: input [batch, sequence], h and c [2, batch, 64]; the benchmark feeds one frame
//   of 1536 samples: `dims=batch:1;sequence:1536`.
// - silero-vad-v5, silero-vad-v6: input ["", ""], state [2, "", 128]: their free dimensions have no
//   names, so nothing can be overridden by name and any `dims` fails.
// The same p2o names mean different axes in different models (`.1` is the recognizer's width but the
// classifier's height), so a `dims` config belongs in a run of the one model it was written for.
//
// Measured 2026-12-01 (`npm run bench`, wasm-1t on the JSPI build, 30 runs after 5 warm-up, 3 to 5 fresh
// contexts; on this 2-core VM a cell's median moved 10-30% from context to context, wasm-1t against the
// identical wasm-1t~opt=all included, so pooled 10th percentiles are compared): the recognizer and the
// classifier did not move with any option (rec p10 75-81 ms, cls 2.6-2.9 ms, opt=disabled included);
// Silero v5 ran slower with opt=disabled only (p10 0.62 ms against 0.34-0.47). Recognizer dims gained
// nothing (p10 83 ms against 76-78). A Node cross-check (onnxruntime-web plain build, one thread, configs
// interleaved round-robin) agreed: Silero opt=disabled +45%, dims slower (rec +25%, cls +12% median),
// the rest within its noise.

import type { InferenceSession } from 'onnxruntime-web';
import type { BackendId } from '../../core/backends';
import { InvalidInputError } from '../../core/errors';

type GraphOptimizationLevel = NonNullable<InferenceSession.SessionOptions['graphOptimizationLevel']>;

export const GRAPH_OPTIMIZATION_LEVELS: readonly GraphOptimizationLevel[] = [
  'disabled',
  'basic',
  'extended',
  'layout',
  'all',
];

/** Graph optimization every session gets unless a config asks otherwise; the snippet repeats it. */
export const DEFAULT_GRAPH_OPTIMIZATION_LEVEL: GraphOptimizationLevel = 'all';

/** The session options a config chose: the optimization level always, the rest only when asked for. */
export interface OrtSessionChoices {
  readonly graphOptimizationLevel: GraphOptimizationLevel;
  readonly enableMemPattern?: boolean;
  readonly enableCpuMemArena?: boolean;
  readonly freeDimensionOverrides?: Readonly<Record<string, number>>;
}

const ON_OFF = ['on', 'off'] as const;

/** Each key a config may set, the values it takes (as words for messages) and what it sets. */
const OPTION_KEYS = {
  opt: `graph optimization level: ${GRAPH_OPTIMIZATION_LEVELS.join(', ')}`,
  mempattern: `memory pattern: ${ON_OFF.join(', ')}`,
  arena: `CPU memory arena: ${ON_OFF.join(', ')}`,
  dims: 'free dimension overrides: name:value;name:value, each value a whole number ≥ 1',
} as const;

type OptionKey = keyof typeof OPTION_KEYS;

const isOptionKey = (key: string): key is OptionKey => Object.hasOwn(OPTION_KEYS, key);

const acceptedKeys = () =>
  Object.entries(OPTION_KEYS)
    .map(([key, values]) => `${key} (${values})`)
    .join('; ');

function optionError(key: string, value: string, problem: string): InvalidInputError {
  return new InvalidInputError(`Session option ${key}=${value}: ${problem}`);
}

function onOff(key: OptionKey, value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw optionError(key, value, `the accepted values are ${ON_OFF.join(', ')}.`);
}

function graphLevel(value: string): GraphOptimizationLevel {
  const level = GRAPH_OPTIMIZATION_LEVELS.find((candidate) => candidate === value);
  if (level === undefined) {
    throw optionError('opt', value, `the accepted values are ${GRAPH_OPTIMIZATION_LEVELS.join(', ')}.`);
  }
  return level;
}

/** The largest value ORT's wasm API takes (an int). */
const MAX_DIMENSION = 2 ** 31 - 1;

/** `name:value;name:value`, split at each pair's last `:` so a name may hold one. */
function freeDimensions(value: string): Record<string, number> {
  const overrides: Record<string, number> = {};
  const format =
    'write name:value pairs separated by ";", each value a whole number ≥ 1 ' +
    '(e.g. dims=p2o.DynamicDimension.0:1;p2o.DynamicDimension.1:320).';
  for (const pair of value.split(';')) {
    const colon = pair.lastIndexOf(':');
    const name = pair.slice(0, Math.max(colon, 0));
    const digits = pair.slice(colon + 1);
    const size = /^\d+$/.test(digits) ? Number(digits) : NaN;
    if (colon <= 0 || !(size >= 1 && size <= MAX_DIMENSION)) {
      throw optionError('dims', value, `"${pair}" is not name:value; ${format}`);
    }
    if (Object.hasOwn(overrides, name)) throw optionError('dims', value, `"${name}" is given twice.`);
    overrides[name] = size;
  }
  return overrides;
}

/**
 * The ORT session options a config's `~key=value` options ask for on a backend. Throws an
 * InvalidInputError naming the key and the accepted keys or values for anything it does not know.
 */
export function ortSessionChoices(
  options: Readonly<Record<string, string>> | undefined,
  backend: BackendId,
): OrtSessionChoices {
  let choices: OrtSessionChoices = { graphOptimizationLevel: DEFAULT_GRAPH_OPTIMIZATION_LEVEL };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (!isOptionKey(key)) {
      throw new InvalidInputError(
        `Unknown session option "${key}" (~${key}=${value}). ONNX Runtime Web takes: ${acceptedKeys()}.`,
      );
    }
    switch (key) {
      case 'opt':
        choices = { ...choices, graphOptimizationLevel: graphLevel(value) };
        break;
      case 'mempattern': {
        const enableMemPattern = onOff(key, value);
        if (enableMemPattern && backend === 'webgpu') {
          throw optionError(
            key,
            value,
            'ONNX Runtime Web turns memory patterns off whenever the webgpu provider is used; only wasm and webnn take mempattern=on.',
          );
        }
        choices = { ...choices, enableMemPattern };
        break;
      }
      case 'arena':
        choices = { ...choices, enableCpuMemArena: onOff(key, value) };
        break;
      case 'dims':
        choices = { ...choices, freeDimensionOverrides: freeDimensions(value) };
        break;
    }
  }
  return choices;
}

/** A model's graph inputs: each dimension a size, a dim_param name, or '' (free and unnamed). */
type GraphInputs = readonly { readonly name: string; readonly shape?: readonly (number | string)[] }[];

/**
 * Why the free dimension overrides do not fit the model, or undefined when every name is one of its
 * inputs' named free dimensions. ORT itself ignores an unknown name silently.
 */
export function freeDimensionMismatch(
  overrides: Readonly<Record<string, number>> | undefined,
  inputs: GraphInputs,
): string | undefined {
  const named = new Set(
    inputs.flatMap((input) => (input.shape ?? []).filter((dim) => typeof dim === 'string' && dim !== '')),
  );
  const unknown = Object.keys(overrides ?? {}).filter((name) => !named.has(name));
  if (unknown.length === 0) return undefined;
  const shapes = inputs
    .map(
      (input) => `${input.name} [${(input.shape ?? []).map((dim) => (dim === '' ? '?' : dim)).join(', ')}]`,
    )
    .join(', ');
  const has =
    named.size > 0
      ? `its named free dimensions are ${[...named].join(', ')}`
      : 'it has no named free dimensions, so none can be overridden by name';
  return `Session option dims: the model has no free dimension named ${unknown.join(', ')}; ${has} (inputs: ${shapes}).`;
}

/** A string literal in TypeScript source. */
const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const propertyName = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name));

/** The chosen options as the properties of an InferenceSession.create options object, in a fixed order. */
export function sessionChoicesCode(choices: OrtSessionChoices): string {
  const properties = [`graphOptimizationLevel: ${literal(choices.graphOptimizationLevel)}`];
  if (choices.enableMemPattern !== undefined)
    properties.push(`enableMemPattern: ${choices.enableMemPattern}`);
  if (choices.enableCpuMemArena !== undefined)
    properties.push(`enableCpuMemArena: ${choices.enableCpuMemArena}`);
  if (choices.freeDimensionOverrides !== undefined) {
    const entries = Object.entries(choices.freeDimensionOverrides)
      .map(([name, size]) => `${propertyName(name)}: ${size}`)
      .join(', ');
    properties.push(`freeDimensionOverrides: { ${entries} }`);
  }
  return properties.join(', ');
}
