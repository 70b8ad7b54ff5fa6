// The ONNX Runtime Web builds the app ships and which backend runs on which. onnxruntime-web 1.30 comes
// in several builds, each its own JS module and wasm binary, and the choice moves the numbers more than
// anything else we control (measured here: PP-OCRv4 recognition 48×320 at 2 threads, JSEP 99.6 ms,
// plain 75.4 ms, JSPI 36.6 ms; `npm run bench`, three interleaved rounds, see the README):
// - `jsep`: the default import; wasm, WebGPU through JSEP, and WebNN. 28 MB.
// - `jspi`: `onnxruntime-web/jspi`; wasm and the native WebGPU EP, with the lowest per-call overhead
//   where the browser has JS Promise Integration (Chromium 137+). 16.7 MB.
// - `plain`: `onnxruntime-web/wasm`; CPU only, for browsers without JSPI. 14 MB.
// WebGPU stays on JSEP unless asked for: the native WebGPU EP (the JSPI build's, `webgpu@jspi` in a
// benchmark) returned wrong Silero v5/v6 probabilities in 1.30 (max |Δp| 0.94 against wasm).
// A build's module is imported only when a session first needs it, so only what a backend uses is
// fetched. scripts/prepare-models.ts copies each build's glue and binary into public/ort/, from where
// they are served as separate files (see vite.config.ts for why they must not be bundled).

import type * as Ort from 'onnxruntime-web';
import type { BackendId } from '../../core/backends';

export type OrtModule = typeof Ort;

export const ORT_BUILD_IDS = ['jsep', 'jspi', 'plain'] as const;
export type OrtBuildId = (typeof ORT_BUILD_IDS)[number];

interface OrtBuild {
  /** What a developer imports to get this build. */
  readonly importPath: string;
  /** The glue module and wasm binary ORT loads from env.wasm.wasmPaths. */
  readonly files: readonly [string, string];
  /** The build's JS module in onnxruntime-web/dist/, the one that loads those files from wasmPaths. */
  readonly bundle: string;
  readonly backends: readonly BackendId[];
  load(): Promise<OrtModule>;
}

export const ORT_BUILDS: Readonly<Record<OrtBuildId, OrtBuild>> = {
  jsep: {
    importPath: 'onnxruntime-web',
    files: ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'],
    bundle: 'ort.min.mjs',
    backends: ['wasm', 'webgpu', 'webnn'],
    load: () => import('onnxruntime-web'),
  },
  jspi: {
    importPath: 'onnxruntime-web/jspi',
    files: ['ort-wasm-simd-threaded.jspi.mjs', 'ort-wasm-simd-threaded.jspi.wasm'],
    bundle: 'ort.jspi.min.mjs',
    backends: ['wasm', 'webgpu'],
    load: () => import('onnxruntime-web/jspi'),
  },
  plain: {
    importPath: 'onnxruntime-web/wasm',
    files: ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'],
    bundle: 'ort.wasm.min.mjs',
    backends: ['wasm'],
    load: () => import('onnxruntime-web/wasm'),
  },
};

/** Where the builds' files are served, below the app's base URL. */
export const ORT_WASM_DIR = 'ort/';

/** Every file of every build, as prepare-models copies them. */
export const ORT_WASM_FILES: readonly string[] = ORT_BUILD_IDS.flatMap((id) => ORT_BUILDS[id].files);

export function isOrtBuildId(value: string): value is OrtBuildId {
  return (ORT_BUILD_IDS as readonly string[]).includes(value);
}

/**
 * The build a backend runs on: the one asked for (checked), else the fastest build whose outputs are
 * right: JSPI for wasm where the browser has it, plain wasm where it does not, JSEP for WebGPU and WebNN.
 */
export function chooseOrtBuild(backend: BackendId, requested: string | undefined, jspi: boolean): OrtBuildId {
  if (requested === undefined) return backend === 'wasm' ? (jspi ? 'jspi' : 'plain') : 'jsep';
  if (!isOrtBuildId(requested)) {
    throw new Error(
      `There is no ONNX Runtime Web build "${requested}"; the builds are ${ORT_BUILD_IDS.join(', ')}.`,
    );
  }
  const { backends } = ORT_BUILDS[requested];
  if (!backends.includes(backend)) {
    throw new Error(
      `The ${requested} build of ONNX Runtime Web cannot run ${backend}; it runs ${backends.join(', ')}.`,
    );
  }
  if (requested === 'jspi' && !jspi) {
    throw new Error(
      'The jspi build needs JavaScript Promise Integration (WebAssembly.Suspending), which this browser lacks.',
    );
  }
  return requested;
}
