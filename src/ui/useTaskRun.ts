// Run state shared by every task view: idle → running (with progress) → done or error. A failed run
// leaves the view's previous input and result in place; only the error is shown.

import { useCallback, useState } from 'react';
import type { EngineProgress, ProgressListener } from '../core/progress';
import { errorKind, errorMessage, type ErrorKind } from '../core/errors';

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

export interface TaskRunState {
  readonly status: RunStatus;
  /** How many runs have finished (done or error); lets automation wait for the next one. */
  readonly finished: number;
  readonly progress?: EngineProgress;
  readonly error?: { readonly message: string; readonly kind?: ErrorKind };
}

export function useTaskRun() {
  const [state, setState] = useState<TaskRunState>({ status: 'idle', finished: 0 });

  const fail = useCallback((error: unknown) => {
    const kind = errorKind(error);
    setState((previous) => ({
      status: 'error',
      finished: previous.finished + 1,
      error: { message: errorMessage(error), ...(kind ? { kind } : {}) },
    }));
  }, []);

  const run = useCallback(
    async <T>(job: (onProgress: ProgressListener) => Promise<T>): Promise<T | undefined> => {
      setState((previous) => ({
        status: 'running',
        finished: previous.finished,
        progress: { message: 'Starting' },
      }));
      try {
        // Progress comes over its own channel and can land after the result: drop it once the run is over.
        let active = true;
        const result = await job((progress) => {
          if (active) setState((previous) => ({ ...previous, status: 'running', progress }));
        }).finally(() => {
          active = false;
        });
        setState((previous) => ({ status: 'done', finished: previous.finished + 1 }));
        return result;
      } catch (error) {
        fail(error);
        return undefined;
      }
    },
    [fail],
  );

  return { state, run, fail };
}
