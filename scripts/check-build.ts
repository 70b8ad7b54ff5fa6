// Runs after `vite build` (npm run build): the output must hold each ONNX Runtime Web binary once, and
// only the builds the app chose (src/runtimes/ort/ort-builds.ts). Two runtimes share onnxruntime-web
// here (the ORT runtime and Transformers.js), and a bundler that resolved them to two copies, or to a
// build the app does not load (such as ORT's asyncify build, which Transformers.js imports by
// default), would double what a user downloads without a word. Exits 1 with the offending files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ORT_WASM_FILES } from '../src/runtimes/ort/ort-builds';
import { buildProblems } from './check-build-rules';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const dist = 'dist';
const binaries = filesUnder(dist)
  .filter((path) => path.endsWith('.wasm'))
  .map((path) => ({
    path: relative(dist, path),
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
  }));
const problems = buildProblems(binaries, ORT_WASM_FILES);
if (problems.length > 0) {
  console.error(`check-build: the build output is not what the app ships:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-build: ${binaries.length} wasm binaries, each once: ${binaries.map((file) => file.path).join(', ')}`,
);
