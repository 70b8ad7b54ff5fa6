// The text-generation adapter on the real Transformers.js pipeline (its Node build, onnxruntime-node) and
// the generated tiny decoder, whose greedy output is known: the text, the token count with and without
// the end-of-text token, the streamed texts growing to the final one, Stop after a given token, and the
// timings a view and a benchmark read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as transformers from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_DECODER_ID, tinyDecoderFiles } from '../../../scripts/hf-models/tiny-decoder';
import type { TextGenerator } from '../pipeline-runtime';
import { textGenerator, type GenerationPipeline } from './text-generator';

let root: string;
let generator: TextGenerator;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'text-generator-'));
  for (const [path, bytes] of Object.entries(tinyDecoderFiles())) {
    const to = join(root, TINY_DECODER_ID, path);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, bytes);
  }
  transformers.env.localModelPath = `${root}/`;
  transformers.env.allowRemoteModels = false;
  const pipe = await transformers.pipeline('text-generation', TINY_DECODER_ID, { dtype: 'fp32' });
  generator = textGenerator(pipe as unknown as GenerationPipeline, transformers, () => pipe.dispose());
}, 60_000);

afterAll(async () => {
  await generator.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('the text generator', () => {
  it('counts up to the token limit, streaming growing texts, and reports its timings', async () => {
    const seen: Array<{ text: string; tokenCount: number }> = [];
    const out = await generator.generate('two', { maxNewTokens: 6, onToken: (p) => seen.push(p) });
    expect(out).toMatchObject({ text: 'three four five six seven eight', tokenCount: 6, stopped: false });
    expect(out.ttftMs).toBeGreaterThan(0);
    expect(out.tokensPerS).toBeGreaterThan(0);
    expect(out.totalMs).toBeGreaterThanOrEqual(out.ttftMs);
    // One update per token, whole words only until the end, then the whole text.
    expect(seen.map((p) => p.tokenCount)).toEqual([1, 2, 3, 4, 5, 6, 6]);
    expect(seen.map((p) => p.text)).toEqual([
      '',
      'three ',
      'three four ',
      'three four five ',
      'three four five six ',
      'three four five six seven ',
      'three four five six seven eight',
    ]);
  });

  it('ends on the end-of-text token, which counts as a token but not as text', async () => {
    const out = await generator.generate('countdown two', { maxNewTokens: 20 });
    expect(out).toMatchObject({ text: 'one', tokenCount: 2, stopped: false });
  });

  it('stops after the token at which shouldStop first says so', async () => {
    let tokens = 0;
    const out = await generator.generate('one', {
      maxNewTokens: 500,
      onToken: (p) => (tokens = p.tokenCount),
      shouldStop: () => tokens >= 3,
    });
    expect(out).toMatchObject({ text: 'two three four', tokenCount: 3, stopped: true });
  });

  it('gives no speed for a single token', async () => {
    const out = await generator.generate('nine', { maxNewTokens: 1 });
    expect(out).toMatchObject({ text: 'ten', tokenCount: 1, tokensPerS: null });
  });
});
