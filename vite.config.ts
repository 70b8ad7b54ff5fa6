// Vite serves and builds the app; Vitest (configured here too) runs the pure-code unit tests in Node.
// COOP/COEP make the page cross-origin isolated so ORT's wasm threads (SharedArrayBuffer) work.
// The `onnxruntime-web-use-extern-wasm` condition picks ORT's build that loads its wasm glue from
// env.wasm.wasmPaths (public/ort/, copied by scripts/prepare-models.ts) instead of inlining it into our
// worker bundle, which would make every ORT pthread re-run our worker and hang session creation.
// Transformers.js imports `onnxruntime-web/webgpu` (ORT's asyncify build with the native WebGPU EP); the
// alias gives it the JSPI build instead, the one the app's wasm cells already run on (wasm plus the
// same native WebGPU EP), so the output holds one copy of it and both runtimes share one started wasm.
import { defaultClientConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * What the built app may load and connect to: its own origin only (wasm compiled from its own files),
 * so no model, runtime or input can leave for another host even if code tried; the same policy as
 * public/_headers. Not sent by the dev server, whose hot reload needs inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

export default defineConfig({
  plugins: [react()],
  resolve: {
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
    alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/jspi' }],
  },
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // scripts/fixtures holds inputs for tests (e.g. the layer-rule fixture tree), never tests.
    exclude: [...configDefaults.exclude, 'scripts/fixtures/**'],
    environment: 'node',
  },
});
