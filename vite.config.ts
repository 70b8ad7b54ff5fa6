// Vite serves and builds the app; Vitest (configured here too) runs the pure-code unit tests in Node.
// COOP/COEP make the page cross-origin isolated so ORT's wasm threads (SharedArrayBuffer) work.
// The `onnxruntime-web-use-extern-wasm` condition picks ORT's build that loads its wasm glue from
// env.wasm.wasmPaths (public/ort/, copied by scripts/prepare-models.ts) instead of inlining it into our
// worker bundle, which would make every ORT pthread re-run our worker and hang session creation.
import { defaultClientConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // scripts/fixtures holds inputs for tests (e.g. the layer-rule fixture tree), never tests.
    exclude: [...configDefaults.exclude, 'scripts/fixtures/**'],
    environment: 'node',
  },
});
