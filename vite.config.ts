// Vite serves and builds the app; Vitest (configured here too) runs the pure-code unit tests in Node.
// COOP/COEP make the page cross-origin isolated so ORT's wasm threads (SharedArrayBuffer) work.
// The `onnxruntime-web-use-extern-wasm` condition picks ORT's build that loads its wasm glue from
// env.wasm.wasmPaths (public/ort/, copied by scripts/prepare-models.ts) instead of inlining it into our
// worker bundle, which would make every ORT pthread re-run our worker and hang session creation.
// Transformers.js imports `onnxruntime-web/webgpu` (ORT's asyncify build with the native WebGPU EP); the
// alias gives it the JSPI build instead, the one the app's wasm cells already run on (wasm plus the
// same native WebGPU EP), so the output holds one copy of it and both runtimes share one started wasm.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, loadEnv, type Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { hubHosts } from './src/core/hub.ts';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * What the built app may load and connect to: its own origin, and the Hugging Face Hub host with the
 * hosts it redirects downloads to (src/core/hub.ts), which the worker reaches only while the user has
 * the Hub switched on (the worker's fetch refuses them otherwise, in code). Wasm is compiled from the
 * app's own files; nothing else can be reached even if code tried. Not sent by the dev server, whose
 * hot reload needs inline scripts.
 */
export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

/** The Hub hosts of this build: VITE_HUB_HOST and VITE_HUB_FILE_HOSTS, as the app reads them (.env files too). */
const buildEnv = loadEnv('production', fileURLToPath(new URL('.', import.meta.url)), 'VITE_HUB_');
export const HUB_HOSTS = hubHosts(buildEnv.VITE_HUB_HOST, buildEnv.VITE_HUB_FILE_HOSTS);

/** The policy this build serves; public/_headers holds the one for the default Hub host. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(HUB_HOSTS.origins);

/** Static hosts get the same policy: the built _headers carries this build's CSP line. */
function headersWithBuildPolicy(): Plugin {
  let outDir = 'dist';
  return {
    name: 'headers-with-build-policy',
    apply: 'build',
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    closeBundle() {
      const file = `${outDir}/_headers`;
      const text = readFileSync(file, 'utf8');
      writeFileSync(
        file,
        text.replace(
          /^(\s*)Content-Security-Policy: .*$/m,
          `$1Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`,
        ),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), headersWithBuildPolicy()],
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
