// The Engine the UI uses: a LocalEngine living in a Web Worker, reached over Comlink. Progress
// callbacks are passed as Comlink proxies. Changing the wasm thread count means a new engine, since
// ORT fixes it when its wasm starts; `terminate` ends the worker and everything it held.

import * as Comlink from 'comlink';
import type { ProgressListener } from '../core/progress';
import type { ModelRecord } from '../catalog/model-record';
import type { Capabilities } from '../runtimes/capabilities';
import type { TaskHandle, TaskRequestBase } from '../task-kit/task';
import type { BenchCellRequest, BenchCellResult, BenchProgress } from '../worker/cell-runner';
import type {
  Engine,
  EngineOptions,
  HubCacheReport,
  ModelLoadReport,
  OptimizeChoice,
  OptimizeRequest,
  OptimizeResponse,
  RuntimeInfo,
  TaskResponse,
} from '../worker/engine-api';
import type { EngineWorkerApi } from '../worker/engine.worker';
import type { LocalEngine } from '../worker/local-engine';

export class WorkerEngine implements Engine {
  private constructor(
    private readonly worker: Worker,
    private readonly remote: Comlink.Remote<LocalEngine>,
  ) {}

  static async start(options: EngineOptions): Promise<WorkerEngine> {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: `engine-${options.threads}t`,
    });
    const api = Comlink.wrap<EngineWorkerApi>(worker);
    const remote = (await api.createEngine(options)) as unknown as Comlink.Remote<LocalEngine>;
    return new WorkerEngine(worker, remote);
  }

  capabilities(): Promise<Capabilities> {
    return this.remote.capabilities();
  }

  models(): Promise<readonly ModelRecord[]> {
    return this.remote.models();
  }

  runtimeInfo(): Promise<RuntimeInfo> {
    return this.remote.runtimeInfo();
  }

  run<Request extends TaskRequestBase, Result>(
    task: TaskHandle<Request, Result>,
    request: Request,
    onProgress?: ProgressListener,
  ): Promise<TaskResponse<Result>> {
    // Only the id crosses to the worker; the worker's own task list holds the code. Buffers the handle
    // names move instead of being copied.
    const transfers = task.transfer?.(request);
    return this.remote.run(
      { id: task.id },
      transfers ? Comlink.transfer(request, transfers) : request,
      onProgress && Comlink.proxy(onProgress),
    ) as Promise<TaskResponse<Result>>;
  }

  prepare<Request extends TaskRequestBase, Result>(
    task: TaskHandle<Request, Result>,
    request: Partial<Request> & TaskRequestBase,
    onProgress?: ProgressListener,
  ): Promise<readonly ModelLoadReport[]> {
    return this.remote.prepare({ id: task.id }, request, onProgress && Comlink.proxy(onProgress));
  }

  benchmarkCell(
    request: BenchCellRequest,
    onProgress?: (progress: BenchProgress) => void,
    whileLoaded?: () => Promise<void>,
  ): Promise<BenchCellResult> {
    // Comlink awaits the page's promise, so the worker's call returns once the page is done.
    return this.remote.benchmarkCell(
      request,
      onProgress && Comlink.proxy(onProgress),
      whileLoaded && Comlink.proxy(whileLoaded),
    );
  }

  cancelBenchmark(): Promise<void> {
    return this.remote.cancelBenchmark();
  }

  releaseSessions(): Promise<void> {
    return this.remote.releaseSessions();
  }

  setHubEnabled(enabled: boolean): Promise<void> {
    return this.remote.setHubEnabled(enabled);
  }

  addHubModel(input: string, task: string): Promise<ModelRecord> {
    return this.remote.addHubModel(input, task);
  }

  hubCache(): Promise<HubCacheReport> {
    return this.remote.hubCache();
  }

  clearHubCache(): Promise<void> {
    return this.remote.clearHubCache();
  }

  optimize(request: OptimizeRequest, onProgress?: ProgressListener): Promise<OptimizeResponse> {
    return this.remote.optimize(request, onProgress && Comlink.proxy(onProgress));
  }

  deleteVariant(id: string): Promise<void> {
    return this.remote.deleteVariant(id);
  }

  optimizeChoices(): Promise<readonly OptimizeChoice[]> {
    return this.remote.optimizeChoices();
  }

  terminate(): void {
    this.remote[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
