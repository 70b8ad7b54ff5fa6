// The ORT-web runtime files the worker loads at run time: the JSEP build behind the default
// `onnxruntime-web` import (wasm, WebGPU through JSEP, and WebNN). scripts/prepare-models.ts copies
// them into public/ort/ so they are served from our origin as separate files (see vite.config.ts).
//
// Why not the native WebGPU EP (`onnxruntime-web/webgpu`, asyncify build)? In 1.30 it returns wrong
// Silero VAD v5/v6 probabilities (max |Δp| 0.94 against wasm on speech frames; JSEP matches wasm
// exactly), measured with e2e/webgpu-parity.spec.ts. Revisit when ORT-web is upgraded.

export const ORT_WASM_DIR = 'ort/';

export const ORT_WASM_FILES = [
  'ort-wasm-simd-threaded.jsep.mjs',
  'ort-wasm-simd-threaded.jsep.wasm',
] as const;
