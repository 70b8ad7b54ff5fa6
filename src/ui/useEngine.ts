// Owns the worker-backed engine for the chosen wasm thread count: starts it, reads its capabilities,
// runtime info and catalog, and terminates it when the thread count changes or the page goes away.

import { useCallback, useEffect, useState } from 'react';
import type { ModelRecord } from '../catalog/model-record';
import type { Capabilities } from '../runtimes/capabilities';
import type { RuntimeInfo } from '../worker/engine-api';
import { errorMessage } from '../core/errors';
import { WorkerEngine } from '../client/worker-engine';
import { markColdStart } from './automation';

export interface EngineState {
  readonly engine?: WorkerEngine;
  readonly capabilities?: Capabilities;
  readonly runtime?: RuntimeInfo;
  /** The engine's catalog: built-in models, those in models/index.json, the variants made here. */
  readonly models?: readonly ModelRecord[];
  readonly error?: string;
  /** Reads the catalog again (after a variant was made or deleted). */
  readonly refreshModels: () => Promise<void>;
}

export function useEngine(threads: number): EngineState {
  // Tagged with the thread count it belongs to, so a stale engine is never shown after a change.
  const [state, setState] = useState<Omit<EngineState, 'refreshModels'> & { threads?: number }>({});
  useEffect(() => {
    let cancelled = false;
    let started: WorkerEngine | undefined;
    const appBaseUrl = new URL(import.meta.env.BASE_URL, window.location.href).href;
    WorkerEngine.start({ threads, appBaseUrl })
      .then(async (engine) => {
        started = engine;
        if (cancelled) return engine.terminate();
        const [capabilities, runtime, models] = await Promise.all([
          engine.capabilities(),
          engine.runtimeInfo(),
          engine.models(),
        ]);
        if (cancelled) return;
        markColdStart('engineReady');
        setState({ threads, engine, capabilities, runtime, models });
      })
      .catch((error: unknown) => {
        if (!cancelled)
          setState({ threads, error: `The inference worker failed to start: ${errorMessage(error)}` });
      });
    return () => {
      cancelled = true;
      started?.terminate();
    };
  }, [threads]);
  const { engine } = state;
  const refreshModels = useCallback(async () => {
    if (!engine) return;
    const models = await engine.models();
    setState((previous) => (previous.engine === engine ? { ...previous, models } : previous));
  }, [engine]);
  return state.threads === threads ? { ...state, refreshModels } : { refreshModels };
}

/** A sensible starting thread count: all cores when threads can work, else one. */
export function defaultThreadCount(): number {
  return window.crossOriginIsolated ? Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4)) : 1;
}
