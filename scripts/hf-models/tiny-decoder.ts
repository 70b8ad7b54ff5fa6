// A tiny decoder-only language model with a key/value cache, in the Hugging Face layout that
// Transformers.js's `pipeline('text-generation')` loads (model_type "llama": inputs input_ids,
// attention_mask, position_ids and past_key_values.0.key/value; outputs logits and present.0.key/value),
// generated so text generation runs offline on a model whose greedy output is known by construction.
//
// Vocabulary: <unk> <s> </s>, the words one … ten, and "countdown". The hidden state of a token is its
// one-hot vector x (hidden_size = vocabulary size). One attention head (head_dim 2) looks for
// "countdown" anywhere in the text so far:
//   key   k_j = [20 · is_countdown_j, position_j]   (the position channel drives the causal mask)
//   value v_j = [is_countdown_j, 0]
//   query q   = [1, 0] for every token,
// so scores are 20 on "countdown" and 0 elsewhere (masked: padding, and keys later than the query), and
// c = softmax(scores) · v ≈ 1 when a countdown was seen (≥ 1 − L·e⁻²⁰) and exactly 0 otherwise.
// present = Concat(past, new) along the sequence, so c at a later step comes only from the cache. A
// gated layer then picks the successor: u = relu(x − c), w = relu(x + c − 1), logits = u·F + w·B, where
// F maps each word to the next (one→two … nine→ten, ten→one: a cycle without end) and B to the previous
// (ten→nine … two→one, one→</s>, countdown→ten). An unknown word is followed by </s>. So greedily:
//   "three"           → four five six seven eight nine ten one two …  (until max_new_tokens)
//   "countdown three" → two one </s>                                   (stops on eos)
//   "countdown"       → ten nine eight seven six five four three two one </s>
// and a broken cache shows: "countdown three" fed an empty past at its second step gives "two three".
// Two dtypes: fp32 (onnx/model.onnx) and fp16 (onnx/model_fp16.onnx: the same weights, all exact in half
// precision, stored as float16 and cast to float32 in the graph; inputs, outputs and cache stay float32).

import {
  floatTensor,
  int64Tensor,
  jsonBytes,
  modelBytes,
  node,
  TensorProto_DataType,
  valueInfo,
  weightsIn,
} from './onnx-builder';

export const TINY_DECODER_ID = 'tiny-decoder';

const SPECIAL = ['<unk>', '<s>', '</s>'] as const;
export const COUNT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const COUNTDOWN = 'countdown';
export const TINY_DECODER_VOCAB: readonly string[] = [...SPECIAL, ...COUNT_WORDS, COUNTDOWN];

const V = TINY_DECODER_VOCAB.length;
const HEAD_DIM = 2;
const MAX_POSITIONS = 2048;
/** The score a "countdown" key gets; e⁻²⁰ is what other keys keep of the attention. */
const COUNTDOWN_SCORE = 20;
const MASKED = -1e4;
const id = (token: string) => TINY_DECODER_VOCAB.indexOf(token);
export const EOS_ID = id('</s>');
const BOS_ID = id('<s>');

/** The next word when counting up: the cycle one … ten one …; after a special token or unknown word, eos. */
export function countUp(token: string): string {
  const at = COUNT_WORDS.indexOf(token);
  if (at >= 0) return COUNT_WORDS[(at + 1) % COUNT_WORDS.length] ?? '</s>';
  return token === COUNTDOWN ? 'ten' : token === '<s>' ? 'one' : '</s>';
}

/** The next word after a countdown was seen: ten … one, then eos. */
export function countDown(token: string): string {
  const at = COUNT_WORDS.indexOf(token);
  if (at > 0) return COUNT_WORDS[at - 1] ?? '</s>';
  return token === COUNTDOWN || token === '<s>' ? 'ten' : '</s>';
}

/** A V×V matrix with a 1 at [token, next(token)]. */
function successorMatrix(next: (token: string) => string): number[] {
  return TINY_DECODER_VOCAB.flatMap((token) => {
    const row = new Array<number>(V).fill(0);
    row[id(next(token))] = 1;
    return row;
  });
}

function decoderGraph(dtype: 'fp32' | 'fp16'): Uint8Array {
  const weightTensors = [
    [
      'embed',
      [V, V],
      TINY_DECODER_VOCAB.flatMap((_, row) => TINY_DECODER_VOCAB.map((__, col) => +(row === col))),
    ],
    ['key_weight', [V, 1], TINY_DECODER_VOCAB.map((token) => (token === COUNTDOWN ? COUNTDOWN_SCORE : 0))],
    ['value_weight', [V, HEAD_DIM], TINY_DECODER_VOCAB.flatMap((token) => [+(token === COUNTDOWN), 0])],
    ['query_weight', [V, HEAD_DIM], TINY_DECODER_VOCAB.flatMap(() => [1, 0])],
    ['forward_weight', [V, V], successorMatrix(countUp)],
    ['backward_weight', [V, V], successorMatrix(countDown)],
  ] as const;
  const { initializers, casts } = weightsIn(dtype, weightTensors);
  const nodes = [
    ...casts,
    node('Gather', ['embed', 'input_ids'], ['x']),
    // The new keys and values: [batch, heads = 1, new tokens, head_dim].
    node('MatMul', ['x', 'key_weight'], ['key_flag']),
    node('Cast', ['position_ids'], ['positions'], { to: TensorProto_DataType.FLOAT }),
    node('Unsqueeze', ['positions', 'last_axis'], ['position_column']),
    node('Concat', ['key_flag', 'position_column'], ['key_3d'], { axis: -1 }),
    node('Unsqueeze', ['key_3d', 'head_axis'], ['key_new']),
    node('MatMul', ['x', 'value_weight'], ['value_3d']),
    node('Unsqueeze', ['value_3d', 'head_axis'], ['value_new']),
    // The cache: what was there, then the new tokens.
    node('Concat', ['past_key_values.0.key', 'key_new'], ['present.0.key'], { axis: 2 }),
    node('Concat', ['past_key_values.0.value', 'value_new'], ['present.0.value'], { axis: 2 }),
    // Scores of every query against every cached key: [batch, 1, new tokens, all tokens].
    node('MatMul', ['x', 'query_weight'], ['query_3d']),
    node('Unsqueeze', ['query_3d', 'head_axis'], ['query']),
    node('Transpose', ['present.0.key'], ['keys_t'], { perm: [0, 1, 3, 2] }),
    node('MatMul', ['query', 'keys_t'], ['scores']),
    // Padding mask from attention_mask: (1 − mask) · −10⁴.
    node('Cast', ['attention_mask'], ['mask_float'], { to: TensorProto_DataType.FLOAT }),
    node('Sub', ['one_float', 'mask_float'], ['mask_off']),
    node('Mul', ['mask_off', 'masked_score'], ['padding_2d']),
    node('Unsqueeze', ['padding_2d', 'padding_axes'], ['padding']),
    // Causal mask from the positions the keys carry: a key later than its query is masked.
    node('Gather', ['present.0.key', 'one_index'], ['key_positions_3d'], { axis: 3 }),
    node('Unsqueeze', ['key_positions_3d', 'query_axis'], ['key_positions']),
    node('Unsqueeze', ['positions', 'query_position_axes'], ['query_positions']),
    node('Greater', ['key_positions', 'query_positions'], ['future']),
    node('Cast', ['future'], ['future_float'], { to: TensorProto_DataType.FLOAT }),
    node('Mul', ['future_float', 'masked_score'], ['causal']),
    node('Add', ['scores', 'padding'], ['scores_padded']),
    node('Add', ['scores_padded', 'causal'], ['scores_masked']),
    node('Softmax', ['scores_masked'], ['attention'], { axis: -1 }),
    node('MatMul', ['attention', 'present.0.value'], ['attended']),
    // c: how much of a countdown the token sees, [batch, new tokens, 1].
    node('Gather', ['attended', 'zero_index'], ['seen_3d'], { axis: 3 }),
    node('Transpose', ['seen_3d'], ['seen'], { perm: [0, 2, 1] }),
    // The gate: count up without a countdown, down with one.
    node('Sub', ['x', 'seen'], ['up_in']),
    node('Relu', ['up_in'], ['up']),
    node('Add', ['x', 'seen'], ['down_sum']),
    node('Sub', ['down_sum', 'one_float'], ['down_in']),
    node('Relu', ['down_in'], ['down']),
    node('MatMul', ['up', 'forward_weight'], ['up_logits']),
    node('MatMul', ['down', 'backward_weight'], ['down_logits']),
    node('Add', ['up_logits', 'down_logits'], ['logits']),
  ];
  const cache = (prefix: string, length: string) =>
    ['key', 'value'].map((part) =>
      valueInfo(`${prefix}.0.${part}`, TensorProto_DataType.FLOAT, ['batch_size', 1, length, HEAD_DIM]),
    );
  return modelBytes({
    name: 'tiny_decoder',
    opset: 17,
    nodes,
    initializers: [
      ...initializers,
      floatTensor('one_float', [], [1]),
      floatTensor('masked_score', [], [MASKED]),
      int64Tensor('zero_index', [], [0]),
      int64Tensor('one_index', [], [1]),
      int64Tensor('last_axis', [1], [-1]),
      int64Tensor('head_axis', [1], [1]),
      int64Tensor('query_axis', [1], [2]),
      int64Tensor('padding_axes', [2], [1, 2]),
      int64Tensor('query_position_axes', [2], [1, 3]),
    ],
    inputs: [
      valueInfo('input_ids', TensorProto_DataType.INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', TensorProto_DataType.INT64, ['batch_size', 'total_sequence_length']),
      valueInfo('position_ids', TensorProto_DataType.INT64, ['batch_size', 'sequence_length']),
      ...cache('past_key_values', 'past_sequence_length'),
    ],
    outputs: [
      valueInfo('logits', TensorProto_DataType.FLOAT, ['batch_size', 'sequence_length', V]),
      ...cache('present', 'total_sequence_length'),
    ],
  });
}

function tokenizerJson(): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    // Whole words only (Transformers.js has no WordLevel model; WordPiece without ## pieces is one):
    // a word outside the vocabulary is <unk>, and decoding joins words with spaces.
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '<unk>',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(TINY_DECODER_VOCAB.map((token, index) => [token, index])),
    },
  };
}

/** Every file of the model, by path inside its repository. */
export function tinyDecoderFiles(): Record<string, Uint8Array> {
  return {
    'config.json': jsonBytes({
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      vocab_size: V,
      hidden_size: V,
      intermediate_size: V,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      num_key_value_heads: 1,
      head_dim: HEAD_DIM,
      max_position_embeddings: MAX_POSITIONS,
      bos_token_id: BOS_ID,
      eos_token_id: EOS_ID,
      tie_word_embeddings: false,
      use_cache: true,
    }),
    'generation_config.json': jsonBytes({
      bos_token_id: BOS_ID,
      eos_token_id: EOS_ID,
      pad_token_id: EOS_ID,
      do_sample: false,
    }),
    'tokenizer.json': jsonBytes(tokenizerJson()),
    'tokenizer_config.json': jsonBytes({
      tokenizer_class: 'PreTrainedTokenizerFast',
      add_bos_token: false,
      add_eos_token: false,
      bos_token: '<s>',
      eos_token: '</s>',
      unk_token: '<unk>',
      pad_token: '</s>',
      model_max_length: MAX_POSITIONS,
      clean_up_tokenization_spaces: false,
    }),
    'onnx/model.onnx': decoderGraph('fp32'),
    'onnx/model_fp16.onnx': decoderGraph('fp16'),
  };
}
