// A tiny BERT-shaped text model in the Hugging Face layout, generated so the Transformers.js path runs
// offline on a model the project makes itself: word, position and token-type embeddings, a layer norm
// (with a large epsilon, so short vectors stay short) and a dense layer near the identity give
// `last_hidden_state` (for feature extraction and semantic search: texts that share words are near), and a
// sentiment head gives `logits` (for text classification). The head is written, not trained: each
// word of a small lexicon adds to the POSITIVE or NEGATIVE logit, so the right label of a sentence is
// known without the model ("a great phone" is POSITIVE). Weights come from a seeded generator, so the
// files are the same on every machine. Two dtypes, as Transformers.js names them: fp32
// (onnx/model.onnx) and fp16 (onnx/model_fp16.onnx: the same weights stored in half precision, cast to
// float32 in the graph).

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
import { seededRandom } from '../../src/core/seeded-random';

export const TINY_BERT_ID = 'on-device-lab/tiny-bert-sentiment';

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const POSITIVE_WORDS = ['good', 'great', 'excellent', 'love', 'happy', 'wonderful', 'best', 'fast'];
export const NEGATIVE_WORDS = ['bad', 'terrible', 'awful', 'hate', 'sad', 'worst', 'slow', 'broken'];
const OTHER_WORDS = (
  'the an is was it this that movie film phone battery model models browser private offline runs run on ' +
  'device devices in and of to with my your our text image images audio speech voice small open web app ' +
  'page pages read reads reading lines line words word camera photo photos cat dog music song weather ' +
  'rain sun today tomorrow meeting room floor invoice total price cheap expensive quick quickly very ' +
  'not no yes you we they he she'
).split(' ');
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCTUATION = ['.', ',', '!', '?', "'", '-', ':'];

/** The WordPiece vocabulary: special tokens, words, single characters and their ## continuations
 * (the one-letter words "a" and "i" are among the characters). */
export const TINY_BERT_VOCAB: readonly string[] = [
  ...SPECIAL,
  ...POSITIVE_WORDS,
  ...NEGATIVE_WORDS,
  ...OTHER_WORDS,
  ...LETTERS,
  ...LETTERS.map((letter) => `##${letter}`),
  ...PUNCTUATION,
];

const HIDDEN = 64;
const MAX_POSITIONS = 128;
export const TINY_BERT_LABELS = ['NEGATIVE', 'POSITIVE'] as const;

const FUNCTION_WORDS = [
  'the',
  'an',
  'is',
  'was',
  'it',
  'this',
  'that',
  'and',
  'of',
  'to',
  'with',
  'in',
  'on',
  'my',
  'your',
  'our',
];

/** A whole word of the vocabulary (not a special token, a single character or a ## piece). */
function isWord(token: string): boolean {
  return token.length > 1 && !token.startsWith('##') && !token.startsWith('[');
}

function weights(count: number, random: () => number, scale: number): number[] {
  return Array.from({ length: count }, () => (random() * 2 - 1) * scale);
}

interface Weights {
  readonly wordEmbeddings: number[];
  readonly positionEmbeddings: number[];
  readonly typeEmbeddings: number[];
  readonly dense: number[];
  readonly denseBias: number[];
  readonly sentiment: number[];
}

function tinyBertWeights(): Weights {
  const random = seededRandom(20261202);
  const sentiment = TINY_BERT_VOCAB.flatMap((token) =>
    NEGATIVE_WORDS.includes(token) ? [1, 0] : POSITIVE_WORDS.includes(token) ? [0, 1] : [0, 0],
  );
  return {
    // Words carry the meaning; special tokens, single characters (how words outside the vocabulary are
    // spelled) and function words get short vectors, so they add little to a text's mean.
    wordEmbeddings: TINY_BERT_VOCAB.flatMap((token) =>
      weights(HIDDEN, random, isWord(token) ? (FUNCTION_WORDS.includes(token) ? 0.2 : 1) : 0.05),
    ),
    positionEmbeddings: weights(MAX_POSITIONS * HIDDEN, random, 0.05),
    typeEmbeddings: weights(2 * HIDDEN, random, 0.05),
    // Near the identity, so a text's vector stays close to the mean of its words' vectors: texts that
    // share words are near each other, which makes semantic search on it give answers a person expects.
    dense: weights(HIDDEN * HIDDEN, random, 0.05).map(
      (value, index) => value + (index % (HIDDEN + 1) === 0 ? 0.5 : 0),
    ),
    denseBias: weights(HIDDEN, random, 0.02),
    sentiment,
  };
}

/** The graph, with its weights as float32 or as float16 cast back to float32. */
function tinyBertGraph(dtype: 'fp32' | 'fp16'): Uint8Array {
  const w = tinyBertWeights();
  const weightTensors = [
    ['word_embeddings', [TINY_BERT_VOCAB.length, HIDDEN], w.wordEmbeddings],
    ['position_embeddings', [MAX_POSITIONS, HIDDEN], w.positionEmbeddings],
    ['token_type_embeddings', [2, HIDDEN], w.typeEmbeddings],
    ['dense_weight', [HIDDEN, HIDDEN], w.dense],
    ['dense_bias', [HIDDEN], w.denseBias],
    ['sentiment_weight', [TINY_BERT_VOCAB.length, 2], w.sentiment],
  ] as const;
  const { initializers, casts } = weightsIn(dtype, weightTensors);
  const nodes = [
    ...casts,
    // Embeddings: word + position + token type.
    node('Gather', ['word_embeddings', 'input_ids'], ['words']),
    node('Shape', ['input_ids'], ['ids_shape']),
    node('Gather', ['ids_shape', 'one'], ['sequence_length'], { axis: 0 }),
    node('Range', ['zero', 'sequence_length', 'one'], ['positions']),
    node('Gather', ['position_embeddings', 'positions'], ['position_vectors']),
    node('Gather', ['token_type_embeddings', 'token_type_ids'], ['type_vectors']),
    node('Add', ['words', 'position_vectors'], ['with_positions']),
    node('Add', ['with_positions', 'type_vectors'], ['embeddings']),
    node(
      'LayerNormalization',
      ['embeddings', 'layer_norm_scale', 'layer_norm_bias'],
      ['normalized'],
      { axis: -1, epsilon: 1 },
      ['epsilon'],
    ),
    node('MatMul', ['normalized', 'dense_weight'], ['dense_out']),
    node('Add', ['dense_out', 'dense_bias'], ['dense_biased']),
    node('Tanh', ['dense_biased'], ['last_hidden_state']),
    // Sentiment head: each token's lexicon vote, summed over the tokens the mask keeps.
    node('Gather', ['sentiment_weight', 'input_ids'], ['votes']),
    node('Cast', ['attention_mask'], ['mask_float'], { to: TensorProto_DataType.FLOAT }),
    node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_column']),
    node('Mul', ['votes', 'mask_column'], ['kept_votes']),
    node('ReduceSum', ['kept_votes', 'sequence_axis'], ['logits'], { keepdims: 0 }),
  ];
  return modelBytes({
    name: 'tiny_bert_sentiment',
    opset: 17,
    nodes,
    initializers: [
      ...initializers,
      floatTensor('layer_norm_scale', [HIDDEN], new Array<number>(HIDDEN).fill(1)),
      floatTensor('layer_norm_bias', [HIDDEN], new Array<number>(HIDDEN).fill(0)),
      int64Tensor('zero', [], [0]),
      int64Tensor('one', [], [1]),
      int64Tensor('last_axis', [1], [-1]),
      int64Tensor('sequence_axis', [1], [1]),
    ],
    inputs: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) =>
      valueInfo(name, TensorProto_DataType.INT64, ['batch_size', 'sequence_length']),
    ),
    outputs: [
      valueInfo('last_hidden_state', TensorProto_DataType.FLOAT, ['batch_size', 'sequence_length', HIDDEN]),
      valueInfo('logits', TensorProto_DataType.FLOAT, ['batch_size', 2]),
    ],
  });
}

function tokenizerJson(): object {
  const specialIds = Object.fromEntries(SPECIAL.map((token, id) => [token, id]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [specialIds['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [specialIds['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(TINY_BERT_VOCAB.map((token, id) => [token, id])),
    },
  };
}

/** Every file of the model, by path inside its repository. */
export function tinyBertFiles(): Record<string, Uint8Array> {
  return {
    'config.json': jsonBytes({
      architectures: ['BertForSequenceClassification'],
      model_type: 'bert',
      vocab_size: TINY_BERT_VOCAB.length,
      hidden_size: HIDDEN,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      intermediate_size: HIDDEN,
      max_position_embeddings: MAX_POSITIONS,
      type_vocab_size: 2,
      id2label: Object.fromEntries(TINY_BERT_LABELS.map((label, id) => [String(id), label])),
      label2id: Object.fromEntries(TINY_BERT_LABELS.map((label, id) => [label, id])),
    }),
    'tokenizer.json': jsonBytes(tokenizerJson()),
    'tokenizer_config.json': jsonBytes({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: MAX_POSITIONS,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      clean_up_tokenization_spaces: true,
    }),
    'onnx/model.onnx': tinyBertGraph('fp32'),
    'onnx/model_fp16.onnx': tinyBertGraph('fp16'),
  };
}
