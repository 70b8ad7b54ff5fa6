// The page: environment bar, backend/thread choice and the task tabs. Settings live in the URL so a
// link reproduces them; changing the thread count restarts the worker (ORT fixes threads at start).
import { lazy, Suspense, useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { BackendId } from '../core/backends';
import { publishResult } from './automation';
import { BackendPicker } from './BackendPicker';
import { EnvironmentBar } from './EnvironmentBar';
import { GenerateView } from './GenerateView';
import { ImageClassifyView } from './ImageClassifyView';
import { HubSetting } from './HubSetting';
import { OcrView } from './OcrView';
import { SearchView } from './SearchView';
import { TextClassifyView } from './TextClassifyView';
import { formatUrlSettings, parseUrlSettings, TASK_IDS, type TaskId } from './url-settings';
import { defaultThreadCount, useEngine } from './useEngine';
import { useHubSetting } from './useHubSetting';
import { VadView } from './VadView';

const TASK_LABELS: Record<TaskId, string> = {
  ocr: 'Text (OCR)',
  vad: 'Voice activity',
  classify: 'Classify text',
  search: 'Search text',
  generate: 'Generate text',
  image: 'Classify image',
  optimize: 'Optimize',
  bench: 'Benchmark',
  models: 'Model cards',
};

const initial = parseUrlSettings(window.location.search);

// The benchmark panel (charts, statistics, schema validation) and the model cards (which list every
// task's models, and so carry the tasks' code) load only when opened.
const BenchmarkView = lazy(() =>
  import('./bench/BenchmarkView').then((module) => ({ default: module.BenchmarkView })),
);
const ModelCards = lazy(() => import('./ModelCards').then((module) => ({ default: module.ModelCards })));
// The Optimize view carries the optimizer's code (graph rewriting), needed only there.
const OptimizeView = lazy(() =>
  import('./OptimizeView').then((module) => ({ default: module.OptimizeView })),
);

export function App() {
  const [task, setTask] = useState<TaskId>(initial.task);
  const [backend, setBackend] = useState<BackendId>(initial.backend);
  const [threads, setThreads] = useState(initial.threads ?? defaultThreadCount());
  const [vadModel, setVadModel] = useState<string>(initial.vadModel);
  const [busy, setBusy] = useState(false);
  const engine = useEngine(threads);
  const onBusy = useCallback((value: boolean) => setBusy(value), []);
  const [hubEnabled, setHubEnabled] = useHubSetting(engine.engine);

  useEffect(() => {
    const started = engine.engine;
    if (!started) return;
    publishResult('optimize', (request) => started.optimize({ ...request, returnBytes: true }));
  }, [engine.engine]);

  useEffect(() => {
    // The benchmark view keeps its own settings in the URL.
    if (task !== 'bench')
      window.history.replaceState(null, '', formatUrlSettings({ task, backend, threads, vadModel }));
  }, [task, backend, threads, vadModel]);

  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TASK_IDS[(TASK_IDS.indexOf(task) + step + TASK_IDS.length) % TASK_IDS.length];
    if (next) setTask(next);
  };

  return (
    <div className="app">
      <header>
        <h1>On-Device Lab</h1>
        <p>Open models running on your own hardware, in this tab. Nothing you load leaves the device.</p>
      </header>
      <EnvironmentBar engine={engine} backend={backend} />
      <BackendPicker
        capabilities={engine.capabilities}
        backend={backend}
        threads={threads}
        disabled={busy}
        onBackend={setBackend}
        onThreads={setThreads}
      />
      <HubSetting enabled={hubEnabled} onChange={setHubEnabled} disabled={busy} />
      <nav role="tablist" aria-label="Tasks" onKeyDown={onTabKey}>
        {TASK_IDS.map((id) => (
          <button
            key={id}
            role="tab"
            aria-selected={task === id}
            tabIndex={task === id ? 0 : -1}
            onClick={() => setTask(id)}
            data-testid={`tab-${id}`}
            disabled={busy && task !== id}
          >
            {TASK_LABELS[id]}
          </button>
        ))}
      </nav>
      <main role="tabpanel">
        {task === 'ocr' && (
          <OcrView engine={engine.engine} models={engine.models} backend={backend} onBusy={onBusy} />
        )}
        {task === 'vad' && (
          <VadView
            engine={engine.engine}
            {...(engine.models ? { models: engine.models } : {})}
            backend={backend}
            model={vadModel}
            onModel={setVadModel}
            onBusy={onBusy}
          />
        )}
        {task === 'classify' && <TextClassifyView engine={engine.engine} backend={backend} onBusy={onBusy} />}
        {task === 'search' && <SearchView engine={engine.engine} backend={backend} onBusy={onBusy} />}
        {task === 'generate' && (
          <GenerateView
            engine={engine.engine}
            backend={backend}
            softwareAdapter={engine.capabilities?.webgpuAdapter?.software === true}
            onBusy={onBusy}
          />
        )}
        {task === 'image' && <ImageClassifyView engine={engine.engine} backend={backend} onBusy={onBusy} />}
        {task === 'optimize' && (
          <Suspense fallback={<p>Loading the optimizer…</p>}>
            <OptimizeView
              engine={engine.engine}
              {...(engine.models ? { models: engine.models } : {})}
              onModels={engine.refreshModels}
              onBusy={onBusy}
            />
          </Suspense>
        )}
        {task === 'bench' &&
          (engine.capabilities && engine.runtime && engine.models ? (
            <Suspense fallback={<p>Loading the benchmark panel…</p>}>
              <BenchmarkView
                capabilities={engine.capabilities}
                models={engine.models}
                runtime={engine.runtime}
                onBusy={onBusy}
              />
            </Suspense>
          ) : (
            <p>Starting the inference worker…</p>
          ))}
        {task === 'models' && (
          <Suspense fallback={<p>Loading the model cards…</p>}>
            <ModelCards engine={engine.engine} />
          </Suspense>
        )}
      </main>
    </div>
  );
}
