// Gets the current task ready before the user asks: as soon as the page is idle after the engine
// started (and again when the backend or model changes), the engine loads the task's sessions, so the
// first result does not wait for downloads and session creation. Progress is shown while it happens;
// a run started meanwhile waits for the same loads instead of starting its own.
import { useEffect, useState } from 'react';
import { errorMessage } from '../core/errors';
import type { EngineProgress } from '../core/progress';
import type { TaskHandle, TaskRequestBase } from '../task-kit/task';
import type { Engine, ModelLoadReport } from '../worker/engine-api';
import { markColdStart } from './automation';

export interface PreparedTaskState {
  /** Set while the task is being prepared. */
  readonly progress?: EngineProgress;
  /** Why preparing failed; the run itself reports the same problem when it is asked for. */
  readonly error?: string;
  /** How the models got ready, once they are. */
  readonly loads?: readonly ModelLoadReport[];
}

export function usePreparedTask<Request extends TaskRequestBase, Result>(
  engine: Engine | undefined,
  task: TaskHandle<Request, Result>,
  request: Partial<Request> & TaskRequestBase,
): PreparedTaskState {
  const [state, setState] = useState<PreparedTaskState>({});
  // The request's own fields decide when to prepare again, not its object identity.
  const key = JSON.stringify(request);
  useEffect(() => {
    if (!engine) return;
    let active = true;
    const start = () => {
      setState({ progress: { message: 'Getting the models ready' } });
      engine
        .prepare(task, JSON.parse(key) as typeof request, (progress) => {
          if (active) setState({ progress });
        })
        .then((loads) => {
          markColdStart('prepared', loads);
          if (active) setState({ loads });
        })
        .catch((error: unknown) => {
          if (active) setState({ error: errorMessage(error) });
        });
    };
    const idle = window.requestIdleCallback?.(start, { timeout: 500 }) ?? window.setTimeout(start, 0);
    return () => {
      active = false;
      if (window.cancelIdleCallback) window.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
    };
  }, [engine, task, key]);
  return state;
}
