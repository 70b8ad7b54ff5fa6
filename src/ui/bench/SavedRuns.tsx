// Runs kept in this browser (IndexedDB): open, export as JSON or CSV, delete, import a JSON record,
// and pick two to compare side by side.
import { useCallback, useEffect, useState } from 'react';
import { runFromJson, runToCsv, runToJson, suggestedFileName } from '../../bench/record-io';
import type { BenchmarkRun } from '../../bench/run-record';
import { openRunStore, type RunStore, type RunSummary } from '../../bench/run-store';
import { errorMessage } from '../../core/errors';
import { FileDrop } from '../FileDrop';
import { downloadText } from './download';
import { RunComparison } from './RunComparison';
import { sameSetupRuns } from '../../bench/setup-differences';

interface SavedRunsProps {
  /** Bumped by the parent whenever it saved a run, so the list reloads. */
  readonly revision: number;
  readonly store?: RunStore;
  readonly onOpen: (run: BenchmarkRun) => void;
}

export function useRunStore() {
  const [store, setStore] = useState<RunStore>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let opened: RunStore | undefined;
    openRunStore().then(
      (value) => {
        opened = value;
        setStore(value);
      },
      (failure: unknown) => setError(`Saved runs are unavailable: ${errorMessage(failure)}`),
    );
    return () => opened?.close();
  }, []);
  return { store, error };
}

export function SavedRuns({ revision, store, onOpen }: SavedRunsProps) {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [message, setMessage] = useState<string>();
  const [pair, setPair] = useState<{ baseline?: string; candidate?: string }>({});
  const [compared, setCompared] = useState<{
    baselines: readonly BenchmarkRun[];
    candidates: readonly BenchmarkRun[];
  }>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (store) void store.list().then(setRuns);
  }, [store, revision, reload]);

  const withRun = useCallback(
    async (id: string, use: (run: BenchmarkRun) => void) => {
      const run = await store?.get(id);
      if (run) use(run);
    },
    [store],
  );

  const importFile = async (file: File) => {
    try {
      const run = runFromJson(await file.text());
      await store?.save(run);
      setMessage(`Imported "${run.label}" from ${file.name}.`);
      setReload((count) => count + 1);
      onOpen(run);
    } catch (failure) {
      setMessage(`${file.name} could not be imported: ${errorMessage(failure)}`);
    }
  };

  /** Each side pools the saved runs of its setup, unless both picks share one setup (then one run each). */
  const compare = async () => {
    const saved = (await Promise.all(runs.map((run) => store?.get(run.id)))).filter(
      (run) => run !== undefined,
    );
    const baseline = saved.find((run) => run.id === pair.baseline);
    const candidate = saved.find((run) => run.id === pair.candidate);
    if (!baseline || !candidate) return;
    const baselines = sameSetupRuns(baseline, saved);
    const candidates = sameSetupRuns(candidate, saved);
    const oneSetup = baselines.some((run) => run.id === candidate.id);
    setCompared(oneSetup ? { baselines: [baseline], candidates: [candidate] } : { baselines, candidates });
  };

  const runSelect = (key: 'baseline' | 'candidate') => (
    <select
      value={pair[key] ?? ''}
      onChange={(event) => setPair({ ...pair, [key]: event.target.value })}
      data-testid={`compare-${key}`}
    >
      <option value="">choose a run</option>
      {runs.map((run) => (
        <option key={run.id} value={run.id}>
          {run.startedAt} — {run.label}
        </option>
      ))}
    </select>
  );

  return (
    <section className="saved-runs" aria-labelledby="saved-runs-title">
      <h3 id="saved-runs-title">Saved runs ({runs.length})</h3>
      <FileDrop
        label="Import a run (.json)"
        accept="application/json,.json"
        onFile={(file) => void importFile(file)}
        testId="bench-import"
      />
      {message && (
        <p className="notice" role="status" data-testid="bench-import-message">
          {message}
        </p>
      )}
      <ul className="run-list" data-testid="saved-runs">
        {runs.map((run) => (
          <li key={run.id} data-run-id={run.id}>
            <span>
              {run.startedAt} — {run.label} ({run.cellCount} cells)
            </span>{' '}
            <button type="button" onClick={() => void withRun(run.id, onOpen)}>
              Open
            </button>
            <button
              type="button"
              data-testid="export-json"
              onClick={() =>
                void withRun(run.id, (full) =>
                  downloadText(runToJson(full), suggestedFileName(full, 'json'), 'application/json'),
                )
              }
            >
              JSON
            </button>
            <button
              type="button"
              data-testid="export-csv"
              onClick={() =>
                void withRun(run.id, (full) =>
                  downloadText(runToCsv(full), suggestedFileName(full, 'csv'), 'text/csv'),
                )
              }
            >
              CSV
            </button>
            <button
              type="button"
              onClick={() => void store?.remove(run.id).then(() => setReload((count) => count + 1))}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <div className="compare-pick">
        Compare {runSelect('candidate')} against {runSelect('baseline')}{' '}
        <button
          type="button"
          disabled={!pair.baseline || !pair.candidate}
          onClick={() => void compare()}
          data-testid="compare-runs"
        >
          Compare
        </button>
      </div>
      {compared && <RunComparison baselines={compared.baselines} candidates={compared.candidates} />}
    </section>
  );
}
