// Worker entry: all inference happens here, off the UI thread. It only exposes a LocalEngine
// factory over Comlink; the main thread talks to it through worker-engine.ts.
import * as Comlink from 'comlink';
import type { EngineOptions } from './engine-api';
import { LocalEngine } from './local-engine';

const workerApi = {
  createEngine(options: EngineOptions): LocalEngine {
    return Comlink.proxy(new LocalEngine(options));
  },
};

export type EngineWorkerApi = typeof workerApi;

Comlink.expose(workerApi);
