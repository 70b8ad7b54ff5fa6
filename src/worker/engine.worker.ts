// Worker entry: all inference happens here, off the UI thread. It wires the engine's parts — the ORT
// runtime and the Transformers.js pipelines (sharing one onnxruntime-web), the catalog (built-in
// models, those in models/index.json, the variants saved in this browser), the registered tasks, the
// model store — and exposes a LocalEngine
// factory over Comlink; the main thread talks to it through src/client/worker-engine.ts.
import * as Comlink from 'comlink';
import { ModelStore } from '../catalog/model-store';
import { detectCapabilities } from '../runtimes/capabilities';
import { createOrtRuntime } from '../runtimes/ort/ort-runtime';
import { createTransformersRuntime } from '../runtimes/transformers/transformers-runtime';
import { createCatalog, staticSource } from '../catalog/catalog';
import { loadFetchedModels } from '../catalog/fetched-models';
import { openVariantStore } from '../catalog/variant-store';
import { hubModelSource } from '../catalog/hub-models';
import { HUB } from '../core/hub-config';
import { BUILTIN_MODELS, TASKS } from '../tasks';
import type { EngineOptions } from './engine-api';
import { LocalEngine } from './local-engine';

async function fetchAppFile(appBaseUrl: string, path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, appBaseUrl));
  if (!response.ok) throw new Error(`The app file ${path} is missing (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A JSON file served with the app, or undefined when there is none (a 404, or an HTML fallback page). */
async function readAppJson(appBaseUrl: string, path: string): Promise<unknown> {
  const response = await fetch(new URL(path, appBaseUrl));
  if (!response.ok) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

const workerApi = {
  async createEngine(options: EngineOptions): Promise<LocalEngine> {
    // The runtime picks its builds from the same capabilities the engine reports.
    const capabilities = await detectCapabilities();
    // Without cross-origin isolation there is no SharedArrayBuffer, so ORT would silently use one thread.
    const threads = globalThis.crossOriginIsolated === true ? Math.max(1, options.threads) : 1;
    const fetched = await loadFetchedModels((path) => readAppJson(options.appBaseUrl, path));
    if (fetched.skipped.length > 0)
      console.warn(`Fetched models without a readable manifest, left out: ${fetched.skipped.join(', ')}`);
    const hubModels = hubModelSource(HUB.host);
    const variants = await openVariantStore();
    const catalog = createCatalog([
      staticSource('built-in', BUILTIN_MODELS),
      staticSource(
        'fetched from the Hub',
        fetched.records.filter((record) => !record.variant),
      ),
      // A variant made here again wins over the copy `npm run optimize` wrote under the same id.
      variants,
      staticSource(
        'made by `npm run optimize`',
        fetched.records.filter((record) => record.variant),
      ),
      hubModels,
    ]);
    const engine = new LocalEngine({
      runtime: createOrtRuntime({ appBaseUrl: options.appBaseUrl, threads, jspi: capabilities.wasmJspi }),
      pipelines: createTransformersRuntime({
        appBaseUrl: options.appBaseUrl,
        threads,
        jspi: capabilities.wasmJspi,
        model: (id) => catalog.find(id),
        files: catalog,
        hub: HUB,
      }),
      catalog,
      hubModels,
      tasks: TASKS,
      store: new ModelStore(options.appBaseUrl, catalog),
      appFile: (path) => fetchAppFile(options.appBaseUrl, path),
      capabilities: detectCapabilities,
      variants,
    });
    return Comlink.proxy(engine);
  },
};

export type EngineWorkerApi = typeof workerApi;

Comlink.expose(workerApi);
