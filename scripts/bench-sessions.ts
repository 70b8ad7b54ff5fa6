// What the pre-optimized model copies (model.basic.onnx, see OptimizedFile in src/catalog/model-record.ts)
// save at session creation: each OCR model's session is created from the published file and from the copy,
// interleaved, on onnxruntime-web's wasm backend in Node (the app's runtime code and wasm, one thread,
// after the runtime has started), and the script prints the medians and ranges. A benchmark, not a test:
// `npm run bench:sessions` (`-- --rounds 15` to change it). Needs `npm run prepare-models` first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { max, median, min } from 'simple-statistics';
import { modelFile } from '../src/catalog/model-record';
import { createOrtRuntime } from '../src/runtimes/ort/ort-runtime';
import { BUILTIN_MODELS } from '../src/tasks';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '9' } } });
const rounds = Number(args.rounds);
const runtime = createOrtRuntime({ threads: 1, jspi: false });
await runtime.start('wasm');

const read = (modelId: string, name: string) =>
  new Uint8Array(readFileSync(join('public', 'models', modelId, name)));

console.log(
  `Session creation on wasm (onnxruntime-web ${runtime.version} in Node, 1 thread), ${rounds} rounds, ms`,
);
console.log('model                 published: median (min–max)   pre-optimized: median (min–max)   saved');
for (const model of BUILTIN_MODELS) {
  const optimized = model.files.find((file) => file.role === 'optimized-model');
  if (!optimized) continue;
  const files = {
    published: read(model.id, modelFile(model, 'model').name),
    optimized: read(model.id, optimized.name),
  };
  const times: Record<keyof typeof files, number[]> = { published: [], optimized: [] };
  for (let round = 0; round < rounds; round++) {
    const order =
      round % 2 === 0 ? (['published', 'optimized'] as const) : (['optimized', 'published'] as const);
    for (const which of order) {
      const started = performance.now();
      const session = await runtime.createSession(files[which], 'wasm', model.id);
      times[which].push(performance.now() - started);
      await session.release();
    }
  }
  const show = (values: number[]) =>
    `${median(values).toFixed(0)} (${min(values).toFixed(0)}–${max(values).toFixed(0)})`.padEnd(34);
  const saved = 1 - median(times.optimized) / median(times.published);
  console.log(
    `${model.id.padEnd(22)}${show(times.published)}${show(times.optimized)}${(saved * 100).toFixed(0)}%`,
  );
}
