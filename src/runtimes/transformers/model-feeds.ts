// The model's own input tensors for texts, as a loaded Transformers.js pipeline makes them: its
// tokenizer's output for each text alone (no padding), cut to the inputs its ONNX session declares,
// with token_type_ids of zeros where the session wants them and the tokenizer gives none (what
// Transformers.js itself feeds then). What an int8-static variant is calibrated on: the same tensors
// the pipeline runs, made outside the model.

import type { TensorData } from '../../core/tensor';

/** What of a loaded text pipeline this reads: its tokenizer and its model's main session. */
export interface TokenizingPipeline {
  readonly tokenizer: (text: string) => Record<string, unknown>;
  readonly model: { readonly sessions: Readonly<Record<string, { readonly inputNames: readonly string[] }>> };
}

interface TokenizerTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
}

function int64Of(name: string, tensor: unknown): TensorData {
  const candidate = tensor as TokenizerTensor | undefined;
  if (!candidate || candidate.type !== 'int64' || !(candidate.data instanceof BigInt64Array))
    throw new Error(`The tokenizer's ${name} is not an int64 tensor`);
  return { type: 'int64', data: candidate.data.slice(), dims: [...candidate.dims] };
}

/** One feed per text, by the names the model's session declares. */
export function modelFeeds(
  loaded: TokenizingPipeline,
  texts: readonly string[],
): Record<string, TensorData>[] {
  const session = loaded.model.sessions['model'];
  if (!session) throw new Error('This pipeline has no single model session to make inputs for');
  return texts.map((text) => {
    const encoded = loaded.tokenizer(text);
    const ids = int64Of('input_ids', encoded['input_ids']);
    return Object.fromEntries(
      session.inputNames.map((name): [string, TensorData] => {
        if (encoded[name] !== undefined) return [name, int64Of(name, encoded[name])];
        if (name === 'token_type_ids')
          return [name, { type: 'int64', data: new BigInt64Array(ids.data.length), dims: ids.dims }];
        throw new Error(`The model takes ${name}, which its tokenizer does not make`);
      }),
    );
  });
}
