// One onnxruntime-web for both runtimes, proven by parity: the generated sentiment model classified
// through Transformers.js in the app, and its onnx/model.onnx run straight on onnxruntime-web (the JSPI
// build the app ships, its own files from this origin, nothing of Transformers.js) on token ids from
// the model's own tokenizer, give the same scores on each backend. The scores of the direct run are
// the softmax of its logits, computed here.
import { AutoTokenizer, env } from '@huggingface/transformers';
import { TINY_BERT_SENTIMENT } from '../src/tasks/text-classification/models';
import { ORT_BUILDS } from '../src/runtimes/ort/ort-builds';
import { expect, openApp, test } from './support/lab';
import { ORT_BUNDLE_PATH, serveOrtBundle } from './support/ort-bundle';

const SENTENCES = [
  'What a great phone, the camera is excellent.',
  'The battery is bad and charging is so slow.',
  'Private models run offline in the browser.',
];

/** ORT straight from its bundle in a module worker; a blob worker needs absolute URLs. */
const directRun = (origin: string) => `
import * as ort from '${origin}${ORT_BUNDLE_PATH}';
self.onmessage = async ({ data }) => {
  try {
    ort.env.wasm.wasmPaths = '${origin}/ort/';
    ort.env.wasm.numThreads = 1;
    const bytes = new Uint8Array(await (await fetch(data.modelUrl)).arrayBuffer());
    const session = await ort.InferenceSession.create(bytes, { executionProviders: [data.backend] });
    const rows = [];
    for (const ids of data.inputs) {
      const dims = [1, ids.length];
      const tensor = (values) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
      const feeds = {
        input_ids: tensor(ids),
        attention_mask: tensor(ids.map(() => 1)),
        token_type_ids: tensor(ids.map(() => 0)),
      };
      const outputs = await session.run(feeds);
      rows.push(Array.from(await outputs.logits.getData()));
    }
    await session.release();
    self.postMessage({ rows });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};`;

let tokenIds: number[][];

test.beforeAll(async () => {
  env.localModelPath = 'public/models/';
  env.allowRemoteModels = false;
  const tokenizer = await AutoTokenizer.from_pretrained(TINY_BERT_SENTIMENT.id);
  tokenIds = SENTENCES.map((sentence) => Array.from(tokenizer.encode(sentence), Number));
});

function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

for (const backend of ['wasm', 'webgpu'] as const) {
  test(`Transformers.js and onnxruntime-web directly give the same scores on ${backend}`, async ({
    lab,
    page,
    context,
    baseURL,
  }) => {
    const origin = new URL(baseURL ?? '').origin;
    await serveOrtBundle(context);
    await openApp(page, `?task=classify&backend=${backend}`);
    await page.getByTestId('classify-dtype').selectOption('fp32');
    await page.getByTestId('classify-text').fill(SENTENCES.join('\n'));
    const viaPipeline = await lab.classify(() => page.getByTestId('classify-run').click());

    const direct = await page.evaluate(
      ({ source, message }) =>
        new Promise<{ rows?: number[][]; error?: string }>((resolve) => {
          const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
            type: 'module',
          });
          worker.onmessage = (event: MessageEvent<{ rows?: number[][]; error?: string }>) => {
            worker.terminate();
            resolve(event.data);
          };
          worker.onerror = (event) => resolve({ error: event.message || 'the worker failed to load' });
          worker.postMessage(message);
        }),
      {
        source: directRun(origin),
        message: {
          backend,
          modelUrl: `${origin}/models/${TINY_BERT_SENTIMENT.id}/onnx/model.onnx`,
          inputs: tokenIds,
        },
      },
    );
    expect(direct.error).toBeUndefined();
    const labels = ['NEGATIVE', 'POSITIVE'];
    let worst = 0;
    for (const [index, logits] of (direct.rows ?? []).entries()) {
      const scores = softmax(logits);
      const row = viaPipeline.result.results[index]?.labels ?? [];
      for (const [labelIndex, label] of labels.entries()) {
        const fromPipeline = row.find((entry) => entry.label === label)?.score ?? NaN;
        worst = Math.max(worst, Math.abs(fromPipeline - (scores[labelIndex] ?? NaN)));
      }
    }
    console.log(
      `${backend}: largest score difference, Transformers.js vs direct ORT: ${worst.toExponential(2)}`,
    );
    expect(direct.rows).toHaveLength(SENTENCES.length);
    expect(worst).toBeLessThan(1e-5);
    // Both ran on the one JSPI binary the app serves.
    const binaries = lab.requests.filter((url) => url.endsWith('.wasm'));
    expect(new Set(binaries.map((url) => new URL(url).pathname))).toEqual(
      new Set([`/ort/${ORT_BUILDS.jspi.files[1]}`]),
    );
  });
}
