// The benchmark panel: choose models, backends and counts, run them in workers with a progress bar
// and a cancel button, then read the statistics, charts, agreement, where the work went and a
// recommendation. Runs are saved in this browser, can be exported and imported, and compared.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelRecord } from '../../catalog/model-record';
import { defaultBackendConfigIds } from '../../bench/backend-configs';
import { runToCsv, runToJson, suggestedFileName } from '../../bench/record-io';
import type { BenchmarkRun } from '../../bench/run-record';
import type { Capabilities } from '../../runtimes/capabilities';
import { benchSubjectsOf } from '../../tasks';
import { publishResult } from '../automation';
import { AccuracyCharts } from './AccuracyCharts';
import { BenchCharts } from './BenchCharts';
import { BenchConfigForm, unavailableReason, type BenchFormSettings } from './BenchConfigForm';
import { BenchResultsTable } from './BenchResultsTable';
import { formatBenchUrl, parseBenchUrl, type BenchUrlSettings } from './bench-url';
import { downloadText } from './download';
import { EnvironmentDetails } from './EnvironmentDetails';
import { Recommendations } from './Recommendations';
import { SavedRuns, useRunStore } from './SavedRuns';
import { useBenchmark } from './useBenchmark';
import type { RuntimeInfo } from '../../worker/engine-api';

interface BenchmarkViewProps {
  readonly capabilities: Capabilities;
  /** The engine's catalog: built-in models and those fetched from the Hub. */
  readonly models: readonly ModelRecord[];
  /** The worker's runtime, recorded with its version in each run. */
  readonly runtime: RuntimeInfo;
  readonly onBusy: (busy: boolean) => void;
}

function initialSettings(initialUrl: BenchUrlSettings, capabilities: Capabilities): BenchFormSettings {
  const offered = initialUrl.backendConfigIds ?? defaultBackendConfigIds(capabilities.maxWasmThreads);
  return {
    ...initialUrl,
    backendConfigIds: offered.filter((id) => !unavailableReason(id, capabilities)),
  };
}

const PHASE_WORDS = {
  start: 'starting the runtime',
  fetch: 'fetching the model',
  session: 'creating the session',
  first: 'first inference',
  warmup: 'warm-up run',
  steady: 'measured run',
  loaded: 'reading memory with the model loaded',
  reference: 'reading outputs for the agreement check',
  evaluate: 'scoring on the evaluation set, item',
  profile: 'profiling',
} as const;

export function BenchmarkView({ capabilities, models, runtime, onBusy }: BenchmarkViewProps) {
  const subjects = useMemo(() => benchSubjectsOf(models), [models]);
  const [initialUrl] = useState(() =>
    parseBenchUrl(
      window.location.search,
      subjects.map((subject) => subject.id),
    ),
  );
  const [settings, setSettings] = useState(() => initialSettings(initialUrl, capabilities));
  const offeredBackendIds = [
    ...new Set([
      ...defaultBackendConfigIds(capabilities.maxWasmThreads),
      ...(initialUrl.backendConfigIds ?? []),
    ]),
  ];
  const bench = useBenchmark(capabilities, runtime, models);
  const { store, error: storeError } = useRunStore();
  const [shown, setShown] = useState<BenchmarkRun>();
  const [saved, setSaved] = useState(0);
  const [unsaved, setUnsaved] = useState<BenchmarkRun>();
  const show = (run: BenchmarkRun) => {
    publishResult('lastBenchmark', run);
    setShown(run);
  };
  const autostarted = useRef(false);
  const running = bench.status === 'running';

  useEffect(() => onBusy(running), [running, onBusy]);
  useEffect(() => {
    window.history.replaceState(null, '', formatBenchUrl(settings, settings.backendConfigIds));
  }, [settings]);

  const start = async () => {
    const run = await bench.start({
      modelIds: settings.modelIds,
      backendConfigIds: settings.backendConfigIds,
      warmupRuns: settings.warmupRuns,
      runs: settings.runs,
      ...(settings.timeBudgetMs !== undefined ? { timeBudgetMs: settings.timeBudgetMs } : {}),
      measureMemory: settings.measureMemory,
      profileOperators: settings.profileOperators,
      detectionSizePx: settings.detectionSizePx,
      evaluate: settings.evaluate,
    });
    if (run) show(run);
    setUnsaved(run);
  };

  // Saved once the store is open: a run started from the URL can finish before IndexedDB is ready.
  const savedIds = useRef(new Set<string>());
  useEffect(() => {
    if (!unsaved || !store || savedIds.current.has(unsaved.id)) return;
    savedIds.current.add(unsaved.id);
    void store.save(unsaved).then(() => setSaved((count) => count + 1));
  }, [unsaved, store]);

  useEffect(() => {
    if (!initialUrl.autostart || autostarted.current) return;
    autostarted.current = true;
    void start();
  });

  const progress = bench.progress;
  const canStart = settings.modelIds.length > 0 && settings.backendConfigIds.length > 0;
  return (
    <section className="task" aria-labelledby="bench-title">
      <h2 id="bench-title">Benchmark every backend on the same models and inputs</h2>
      <BenchConfigForm
        capabilities={capabilities}
        subjects={subjects}
        offeredBackendIds={offeredBackendIds}
        settings={settings}
        disabled={running}
        onChange={setSettings}
      />
      <div className="inputs">
        <button
          type="button"
          onClick={() => void start()}
          disabled={running || !canStart}
          data-testid="bench-start"
        >
          Run benchmark
        </button>
        <button type="button" onClick={bench.cancel} disabled={!running} data-testid="bench-cancel">
          Cancel
        </button>
        {!canStart && <span className="reason">Choose at least one model and one available backend.</span>}
      </div>
      <div
        className="run-status"
        data-testid="bench-status"
        data-state={bench.status}
        data-finished={bench.finished}
        aria-live="polite"
      >
        {running && (
          <>
            <progress max={1} value={progress?.fraction ?? 0} aria-label="Benchmark progress" />
            <span>
              {progress
                ? `Cell ${progress.cellIndex + 1} of ${progress.cellCount}: ${progress.modelId} on ${progress.backendConfigId} — ` +
                  `${PHASE_WORDS[progress.cell.phase]}${progress.cell.total > 1 ? ` ${progress.cell.done} of ${progress.cell.total}` : ''}`
                : 'Starting workers…'}
            </span>
          </>
        )}
        {bench.status === 'error' && (
          <div className="error" role="alert" data-testid="error">
            The benchmark stopped: {bench.error}
          </div>
        )}
      </div>
      {shown && (
        <div className="bench-output" data-testid="bench-output" data-run-id={shown.id}>
          <p>
            <strong>{shown.label}</strong> — {shown.startedAt}
            {shown.cancelled && ' (cancelled: cells not reached are marked skipped)'}. Main thread during the
            run:{' '}
            <span data-testid="bench-longtasks">
              {shown.mainThread.longTaskCount} long tasks, longest{' '}
              {shown.mainThread.longestLongTaskMs.toFixed(0)} ms
            </span>
            .{' '}
            <button
              type="button"
              onClick={() =>
                downloadText(runToJson(shown), suggestedFileName(shown, 'json'), 'application/json')
              }
            >
              Export JSON
            </button>{' '}
            <button
              type="button"
              onClick={() => downloadText(runToCsv(shown), suggestedFileName(shown, 'csv'), 'text/csv')}
            >
              Export CSV
            </button>
          </p>
          <EnvironmentDetails environment={shown.environment} />
          <h3>Recommendation</h3>
          <Recommendations recommendations={shown.recommendations} />
          <h3>Results (times in ms; outputs read back inside every timing)</h3>
          <BenchResultsTable cells={shown.cells} />
          <BenchCharts cells={shown.cells} />
          <AccuracyCharts cells={shown.cells} />
        </div>
      )}
      {storeError && <p className="error">{storeError}</p>}
      <SavedRuns revision={saved} store={store} onOpen={show} />
    </section>
  );
}
