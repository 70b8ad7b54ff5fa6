// Shows a task's run state: a progress bar with what is happening, or the error that stopped it; and,
// before any run, the background preparation of the task's models.
import { FileProgressList } from './FileProgressList';
import type { PreparedTaskState } from './usePreparedTask';
import type { TaskRunState } from './useTaskRun';

export function RunStatusLine({ state, testId }: { state: TaskRunState; testId: string }) {
  return (
    <div
      className="run-status"
      data-testid={testId}
      data-state={state.status}
      data-finished={state.finished}
      aria-live="polite"
    >
      {state.status === 'running' && (
        <>
          <progress
            max={1}
            value={state.progress?.fraction}
            aria-label={state.progress?.message ?? 'Working'}
          />
          <span>{state.progress?.message ?? 'Working'}…</span>
          {state.progress?.files && <FileProgressList files={state.progress.files} />}
        </>
      )}
      {state.status === 'error' && state.error && (
        <div className="error" role="alert" data-testid="error" data-kind={state.error.kind ?? 'Error'}>
          <strong>{state.error.kind ? humanKind(state.error.kind) : 'Something went wrong'}:</strong>{' '}
          {state.error.message}
        </div>
      )}
    </div>
  );
}

function humanKind(kind: string): string {
  return kind.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** While the view's task is prepared in the background: what is loading, as a quiet progress bar. */
export function PreparingLine({ state, testId }: { state: PreparedTaskState; testId: string }) {
  if (!state.progress && !state.error) return null;
  return (
    <div className="run-status preparing" data-testid={testId} aria-live="polite">
      {state.progress ? (
        <>
          <progress max={1} value={state.progress.fraction} aria-label={state.progress.message} />
          <span>Getting ready: {state.progress.message}…</span>
          {state.progress.files && <FileProgressList files={state.progress.files} />}
        </>
      ) : (
        <span className="reason">Could not get the models ready yet: {state.error}</span>
      )}
    </div>
  );
}
