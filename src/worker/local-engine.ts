// The Engine that does the work, in whatever thread it is created in (the app creates it inside the
// worker, see engine.worker.ts). Its runtime, catalog, tasks and model store are passed in, so it can
// be tested apart from ORT. It checks the backend is available, loads and verifies models, keeps one
// session per model and backend, hands them to tasks, and measures benchmark cells.

import type { BackendId } from '../core/backends';
import { BackendUnavailableError, NetworkBlockedError } from '../core/errors';
import { parseHubRef } from '../core/hub-ref';
import { createMemo } from '../core/memo';
import type { ProgressListener } from '../core/progress';
import type { ModelCatalog } from '../catalog/catalog';
import type { HubModelSource } from '../catalog/hub-models';
import { modelFile, type ModelRecord } from '../catalog/model-record';
import type { FetchedFile, ModelStore } from '../catalog/model-store';
import { readSessionModel } from '../catalog/session-model';
import type { VariantStore } from '../catalog/variant-store';
import type { Capabilities } from '../runtimes/capabilities';
import type {
  PipelineKind,
  PipelineKinds,
  PipelineRuntime,
  RemoteModels,
} from '../runtimes/pipeline-runtime';
import type { ModelRuntime, ModelSession } from '../runtimes/runtime';
import type { AnyTask, TaskContext, TaskFiles, TaskHandle, TaskRequestBase } from '../task-kit/task';
import { runBenchCell, type BenchCellRequest, type BenchCellResult, type BenchProgress } from './cell-runner';
import type {
  Engine,
  HubCacheReport,
  ModelLoadReport,
  OptimizeChoice,
  OptimizeRequest,
  OptimizeResponse,
  RuntimeInfo,
  TaskResponse,
} from './engine-api';
import { optimizeChoices, optimizeVariant } from './optimize-variant';

export interface LocalEngineDeps {
  readonly runtime: ModelRuntime;
  /** Runs whole pipelines (Transformers.js in the app); tasks that ask for one fail without it. */
  readonly pipelines?: PipelineRuntime;
  readonly catalog: ModelCatalog;
  /** The catalog's source of Hub models added in this session (with the pipeline runtime's `remote`). */
  readonly hubModels?: HubModelSource;
  readonly tasks: readonly AnyTask[];
  /** Model files, fetched and checked against their sha256. */
  readonly store: Pick<ModelStore, 'fetchFile'>;
  /** Reads a file served with the app (a sample), by path below the app's base URL. */
  readonly appFile: (path: string) => Promise<Uint8Array>;
  readonly capabilities: () => Promise<Capabilities>;
  /** Where variants made by `optimize` are saved (IndexedDB in the app; also a source of `catalog`). */
  readonly variants?: Pick<VariantStore, 'save' | 'remove'>;
}

/** A loaded pipeline as the engine keeps it: something to dispose of, with its report. */
interface HeldPipeline {
  readonly pipeline: { dispose(): Promise<void> };
  readonly report: ModelLoadReport;
}

export class LocalEngine implements Engine {
  private readonly sessions = new Map<string, Promise<ModelSession>>();
  /** Pipelines by kind, model, dtype and backend (`kind:model:dtype@backend`). */
  private readonly pipelines = new Map<string, Promise<HeldPipeline>>();
  private benchCancelled = false;
  private lastHubLoad: HubCacheReport['lastLoad'];
  private readonly files: TaskFiles;

  constructor(private readonly deps: LocalEngineDeps) {
    this.files = {
      modelFile: async (modelId, role) => {
        const model = deps.catalog.get(modelId);
        return (await deps.store.fetchFile(model, modelFile(model, role))).bytes;
      },
      appFile: (path) => deps.appFile(path),
      memo: createMemo(),
    };
  }

  capabilities(): Promise<Capabilities> {
    return this.deps.capabilities();
  }

  async models(): Promise<readonly ModelRecord[]> {
    return this.deps.catalog.list();
  }

  async runtimeInfo(): Promise<RuntimeInfo> {
    const capabilities = await this.deps.capabilities();
    return {
      runtime: this.deps.runtime.name,
      runtimeVersion: this.deps.runtime.version,
      threads: this.deps.runtime.threads,
      crossOriginIsolated: capabilities.crossOriginIsolated,
    };
  }

  async run<Request extends TaskRequestBase, Result>(
    handle: TaskHandle<Request, Result>,
    request: Request,
    onProgress?: ProgressListener,
  ): Promise<TaskResponse<Result>> {
    const { context, loads } = await this.contextFor(handle, request.backend, onProgress);
    const result = (await this.task(handle).run(request, context)) as Result;
    return { result, loads: await loads(), runtime: await this.runtimeInfo(), backend: request.backend };
  }

  async prepare<Request extends TaskRequestBase, Result>(
    handle: TaskHandle<Request, Result>,
    request: Partial<Request> & TaskRequestBase,
    onProgress?: ProgressListener,
  ): Promise<readonly ModelLoadReport[]> {
    const { context, loads } = await this.contextFor(handle, request.backend, onProgress);
    await this.task(handle).prepare(request, context);
    return loads();
  }

  private task(handle: Pick<TaskHandle<TaskRequestBase, unknown>, 'id'>): AnyTask {
    const task = this.deps.tasks.find((candidate) => candidate.handle.id === handle.id);
    if (!task) throw new Error(`This engine has no task "${handle.id}"`);
    return task;
  }

  /**
   * The context a task runs in on `backend`, and the model loads it made, in the order the task asked
   * for them (a task may ask for several at once, so downloads and session creation overlap).
   */
  private async contextFor(
    handle: Pick<TaskHandle<TaskRequestBase, unknown>, 'id'>,
    backend: BackendId,
    onProgress: ProgressListener | undefined,
  ): Promise<{ context: TaskContext; loads: () => Promise<ModelLoadReport[]> }> {
    this.task(handle);
    await this.assertBackend(backend);
    await this.releaseOtherBackends(backend);
    const pending: Array<Promise<{ report: ModelLoadReport }>> = [];
    const progress: ProgressListener = (update) => onProgress?.(update);
    const context: TaskContext = {
      backend,
      files: this.files,
      progress,
      session: async (modelId) => {
        const loading = this.load(modelId, backend, progress);
        pending.push(loading);
        return (await loading).session;
      },
      pipeline: async <K extends PipelineKind>(kind: K, modelId: string, dtype: string) => {
        const loading = this.loadPipeline(kind, modelId, dtype, backend, progress);
        pending.push(loading);
        return (await loading).pipeline as PipelineKinds[K];
      },
    };
    const loads = async () => (await Promise.all(pending)).map(({ report }) => report);
    return { context, loads };
  }

  async benchmarkCell(
    request: BenchCellRequest,
    onProgress?: (progress: BenchProgress) => void,
    whileLoaded?: () => Promise<void>,
  ): Promise<BenchCellResult> {
    this.benchCancelled = false;
    // Benchmarks create and release their own sessions; free the task views' ones first.
    await this.releaseSessions();
    return runBenchCell(
      request,
      {
        runtime: this.deps.runtime,
        ...(this.deps.pipelines ? { pipelines: this.deps.pipelines } : {}),
        catalog: this.deps.catalog,
        tasks: this.deps.tasks,
        fetchModel: (model) =>
          readSessionModel(model, (file) => this.deps.store.fetchFile(model, file, undefined, true)),
        files: this.files,
        capabilities: await this.deps.capabilities(),
        cancelled: () => this.benchCancelled,
        ...(whileLoaded ? { whileLoaded } : {}),
      },
      (progress) => onProgress?.(progress),
    );
  }

  async cancelBenchmark(): Promise<void> {
    this.benchCancelled = true;
  }

  async releaseSessions(): Promise<void> {
    const sessions = [...this.sessions.values()];
    const pipelines = [...this.pipelines.values()];
    this.sessions.clear();
    this.pipelines.clear();
    await Promise.allSettled([
      ...sessions.map(async (session) => (await session).release()),
      ...pipelines.map(async (held) => (await held).pipeline.dispose()),
    ]);
  }

  private hub(): { remote: RemoteModels; models: HubModelSource } {
    const remote = this.deps.pipelines?.remote;
    const models = this.deps.hubModels;
    if (!remote || !models) throw new Error('This engine has no Hub to load models from');
    return { remote, models };
  }

  async setHubEnabled(enabled: boolean): Promise<void> {
    this.hub().remote.setEnabled(enabled);
  }

  async addHubModel(input: string, task: string): Promise<ModelRecord> {
    const { remote, models } = this.hub();
    const ref = parseHubRef(input);
    if (!remote.enabled())
      throw new NetworkBlockedError(
        `${ref.repo} is on the Hugging Face Hub (${remote.host}), and the Hub is off: turn on ` +
          '"Hugging Face Hub" in the settings to load it. Nothing was requested.',
      );
    return models.add(ref, task);
  }

  async hubCache(): Promise<HubCacheReport> {
    const { remote } = this.hub();
    return {
      host: remote.host,
      enabled: remote.enabled(),
      files: await remote.cached(),
      ...(this.lastHubLoad ? { lastLoad: this.lastHubLoad } : {}),
    };
  }

  async clearHubCache(): Promise<void> {
    await this.hub().remote.clearCache();
  }

  async optimize(request: OptimizeRequest, onProgress?: ProgressListener): Promise<OptimizeResponse> {
    const variants = this.deps.variants;
    if (!variants) throw new Error('This engine has nowhere to save variants');
    await this.assertBackend('wasm');
    const response = await optimizeVariant(request, { ...this.deps, files: this.files, variants }, (update) =>
      onProgress?.(update),
    );
    // A variant made again under the same id replaces the old one: its sessions held the old bytes.
    await this.releaseModel(response.record.id);
    return response;
  }

  async optimizeChoices(): Promise<readonly OptimizeChoice[]> {
    return optimizeChoices(this.deps.tasks, this.deps.catalog.list());
  }

  async deleteVariant(id: string): Promise<void> {
    if (!this.deps.variants) throw new Error('This engine has no saved variants');
    await this.deps.variants.remove(id);
    await this.releaseModel(id);
  }

  /** Releases every session and pipeline of one model, on any backend. */
  private async releaseModel(modelId: string): Promise<void> {
    for (const [key, session] of this.sessions) {
      if (!key.startsWith(`${modelId}@`)) continue;
      this.sessions.delete(key);
      await (await session).release();
    }
    for (const [key, held] of this.pipelines) {
      // Keys are `kind:model:dtype@backend`; model ids have no colon.
      if (key.split(':')[1] !== modelId) continue;
      this.pipelines.delete(key);
      await (await held).pipeline.dispose();
    }
  }

  private async assertBackend(backend: BackendId): Promise<void> {
    const status = (await this.deps.capabilities()).backends[backend];
    if (!status.available)
      throw new BackendUnavailableError(status.reason ?? `${backend} is not available here`);
  }

  /** Sessions of other backends are released when a backend is chosen, so GPU memory does not pile up. */
  private async releaseOtherBackends(backend: BackendId): Promise<void> {
    for (const [key, session] of this.sessions) {
      if (key.endsWith(`@${backend}`)) continue;
      this.sessions.delete(key);
      await (await session).release();
    }
    for (const [key, held] of this.pipelines) {
      if (key.endsWith(`@${backend}`)) continue;
      this.pipelines.delete(key);
      await (await held).pipeline.dispose();
    }
  }

  /** Like `load`, for a pipeline of a pipeline runtime: one per kind, model, dtype and backend. */
  private async loadPipeline(
    kind: PipelineKind,
    modelId: string,
    dtype: string,
    backend: BackendId,
    onProgress: ProgressListener,
  ): Promise<HeldPipeline> {
    const key = `${kind}:${modelId}:${dtype}@${backend}`;
    const existing = this.pipelines.get(key);
    if (existing) {
      const { pipeline } = await existing;
      return {
        pipeline,
        report: { modelId, backend, bytes: 0, fetchMs: 0, createMs: 0, reusedSession: true },
      };
    }
    const runtime = this.deps.pipelines;
    if (!runtime) throw new Error(`This engine has no pipeline runtime to run ${modelId}`);
    const pending = (async (): Promise<HeldPipeline> => {
      const model = this.deps.catalog.get(modelId);
      const { pipeline, load } = await runtime.load(kind, model, { backend, dtype, onProgress });
      if (model.remote) this.lastHubLoad = { modelId, files: load.files };
      return {
        pipeline,
        report: {
          modelId,
          backend,
          bytes: load.bytes,
          fetchMs: load.fetchMs,
          createMs: load.totalMs - load.fetchMs,
          reusedSession: false,
          files: load.files,
        },
      };
    })();
    this.pipelines.set(key, pending);
    try {
      return await pending;
    } catch (error) {
      this.pipelines.delete(key);
      throw error;
    }
  }

  private async load(
    modelId: string,
    backend: BackendId,
    onProgress: ProgressListener,
  ): Promise<{ session: ModelSession; report: ModelLoadReport }> {
    const key = `${modelId}@${backend}`;
    const existing = this.sessions.get(key);
    if (existing) {
      const session = await existing;
      return {
        session,
        report: { modelId, backend, bytes: 0, fetchMs: 0, createMs: 0, reusedSession: true },
      };
    }
    // Cached before the download starts, so two requests for the same model share one session.
    let fetched: FetchedFile | undefined;
    const pending = (async () => {
      const model = this.deps.catalog.get(modelId);
      // The runtime starts while the model downloads. A start that fails is not reported here: the
      // session below fails the same way, with the model's name in the message.
      const starting = this.deps.runtime.start(backend).catch(() => undefined);
      fetched = (
        await readSessionModel(model, (file) =>
          this.deps.store.fetchFile(model, file, (progress) =>
            onProgress({
              message: `Downloading ${progress.file} (${(progress.loadedBytes / 1e6).toFixed(1)} of ${(progress.totalBytes / 1e6).toFixed(1)} MB)`,
              fraction: progress.loadedBytes / progress.totalBytes,
            }),
          ),
        )
      ).loaded;
      onProgress({ message: `Starting ${model.displayName} on ${backend}` });
      await starting;
      return this.deps.runtime.createSession(fetched.bytes, backend, `${model.displayName} (${modelId})`);
    })();
    this.sessions.set(key, pending);
    let session: ModelSession;
    try {
      session = await pending;
    } catch (error) {
      this.sessions.delete(key);
      throw error;
    }
    return {
      session,
      report: {
        modelId,
        backend,
        bytes: fetched?.bytes.byteLength ?? 0,
        fetchMs: fetched?.fetchMs ?? 0,
        ...(fetched ? { source: fetched.source } : {}),
        createMs: session.info.createMs,
        reusedSession: false,
      },
    };
  }
}
