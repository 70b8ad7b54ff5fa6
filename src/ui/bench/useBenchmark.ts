// Runs benchmarks from the page: starts worker engines per thread count, reports progress, cancels
// on request, and keeps the finished run. The work itself happens in src/bench/bench-runner.ts.

import { useCallback, useRef, useState } from 'react';
import { runBenchmark, type BenchRunProgress } from '../../bench/bench-runner';
import type { BenchConfig, BenchmarkRun } from '../../bench/run-record';
import type { Capabilities } from '../../runtimes/capabilities';
import { errorMessage } from '../../core/errors';
import { WorkerEngine } from '../../client/worker-engine';
import packageJson from '../../../package.json';
import { createCatalog, staticSource } from '../../catalog/catalog';
import type { ModelRecord } from '../../catalog/model-record';
import { TASKS } from '../../tasks';
import { announceCell, publishResult } from '../automation';
import type { RuntimeInfo } from '../../worker/engine-api';

export type BenchStatus = 'idle' | 'running' | 'done' | 'error';

export function useBenchmark(
  capabilities: Capabilities | undefined,
  runtime: RuntimeInfo | undefined,
  models: readonly ModelRecord[],
) {
  const [status, setStatus] = useState<BenchStatus>('idle');
  const [progress, setProgress] = useState<BenchRunProgress>();
  const [error, setError] = useState<string>();
  const [finished, setFinished] = useState(0);
  const controller = useRef<AbortController | undefined>(undefined);

  const start = useCallback(
    async (config: BenchConfig): Promise<BenchmarkRun | undefined> => {
      if (!capabilities) return undefined;
      const abort = new AbortController();
      controller.current = abort;
      setStatus('running');
      setError(undefined);
      setProgress(undefined);
      publishResult('benchReferences', {});
      let finishedCells = 0;
      const appBaseUrl = new URL(import.meta.env.BASE_URL, window.location.href).href;
      try {
        const run = await runBenchmark(
          config,
          {
            startEngine: (threads) => WorkerEngine.start({ threads, appBaseUrl }),
            onCell: (cell, reference) => {
              finishedCells += 1;
              announceCell(cell, finishedCells);
              if (reference)
                publishResult('benchReferences', {
                  ...window.onDeviceLab?.benchReferences,
                  [cell.modelId]: reference,
                });
            },
            capabilities,
            catalog: createCatalog([staticSource("the engine's catalog", models)]),
            tasks: TASKS,
            libraries: {
              'on-device-lab': packageJson.version,
              ...(runtime ? { [runtime.runtime]: runtime.runtimeVersion } : {}),
            },
          },
          setProgress,
          abort.signal,
        );
        setStatus('done');
        return run;
      } catch (failure) {
        setError(errorMessage(failure));
        setStatus('error');
        return undefined;
      } finally {
        setFinished((count) => count + 1);
        controller.current = undefined;
      }
    },
    [capabilities, runtime, models],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { status, progress, error, finished, start, cancel };
}
