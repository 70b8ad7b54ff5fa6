// The Engine that does the work, in whatever thread it is created in (the app creates it inside the
// worker). It checks the backend is available, loads and verifies models, keeps one session per
// model and backend, and runs the OCR and VAD pipelines on them.

import type { BackendId } from '../core/backends';
import { detectCapabilities, type Capabilities } from '../runtimes/capabilities';
import type {
  Engine,
  EngineOptions,
  ModelLoadReport,
  OcrRequest,
  OcrResponse,
  ProgressListener,
  RuntimeInfo,
  VadRequest,
  VadResponse,
} from './engine-api';
import { BackendUnavailableError } from '../core/errors';
import { decodeImageFile } from '../inputs/image-decode';
import { ModelStore } from '../catalog/model-store';
import { createOrtRuntime } from '../runtimes/ort/ort-runtime';
import type { ModelRuntime, ModelSession } from '../runtimes/runtime';
import { findModel, modelFile } from '../catalog/model-record';
import { parseDictionary } from '../tasks/ocr/dictionary';
import { recognizeText } from '../tasks/ocr/ocr-pipeline';
import { runVad } from '../tasks/vad/vad-pipeline';
import { mixToMono, resample } from '../inputs/resample';
import { SILERO_SAMPLE_RATE } from '../tasks/vad/silero';
import { parseWav } from '../inputs/wav';
import {
  runBenchCell,
  type BenchCellRequest,
  type BenchCellResult,
  type BenchProgress,
} from './cell-runner';

/** The speech the VAD benchmark loops to a 10 s clip: the app's own sample, so no file is needed. */
const BENCH_SPEECH_PATH = 'samples/speech-sample.wav';

interface LoadedModel {
  readonly session: ModelSession;
  readonly report: ModelLoadReport;
}

const OCR_STAGE_WORDS = {
  detect: 'Detecting text',
  classify: 'Checking line angles',
  recognize: 'Reading line',
} as const;

export class LocalEngine implements Engine {
  private readonly runtime: ModelRuntime;
  private readonly store: ModelStore;
  private readonly sessions = new Map<string, Promise<ModelSession>>();
  private charset: Promise<string[]> | undefined;
  private benchCancelled = false;
  private speech: Promise<Float32Array> | undefined;

  private readonly threads: number;

  private readonly appBaseUrl: string;

  constructor(options: EngineOptions) {
    this.appBaseUrl = options.appBaseUrl;
    // Without cross-origin isolation there is no SharedArrayBuffer, so ORT would silently use one thread.
    this.threads = globalThis.crossOriginIsolated === true ? Math.max(1, options.threads) : 1;
    this.runtime = createOrtRuntime({ ...options, threads: this.threads });
    this.store = new ModelStore(options.appBaseUrl);
  }

  capabilities(): Promise<Capabilities> {
    return detectCapabilities();
  }

  async runtimeInfo(): Promise<RuntimeInfo> {
    const capabilities = await detectCapabilities();
    return {
      runtime: this.runtime.name,
      runtimeVersion: this.runtime.version,
      threads: this.threads,
      crossOriginIsolated: capabilities.crossOriginIsolated,
    };
  }

  async recognizeText(request: OcrRequest, onProgress?: ProgressListener): Promise<OcrResponse> {
    await this.assertBackend(request.backend);
    onProgress?.({ message: `Decoding ${request.fileName}` });
    const image = await decodeImageFile(request.image, request.fileName);
    const modelIds = [
      'ppocr-v4-det',
      'ppocr-v4-rec',
      ...(request.useAngleClassifier ? ['ppocr-mobile-v2-cls'] : []),
    ];
    const loaded: LoadedModel[] = [];
    for (const id of modelIds) loaded.push(await this.load(id, request.backend, onProgress));
    const [det, rec, cls] = loaded.map((model) => model.session);
    if (!det || !rec) throw new Error('OCR models failed to load');
    const charset = await this.ocrCharset(onProgress);
    const result = await recognizeText(
      image,
      { det, rec, ...(cls ? { cls } : {}) },
      charset,
      {},
      (progress) =>
        onProgress?.({
          message:
            `${OCR_STAGE_WORDS[progress.stage]} ${progress.total > 1 ? `${progress.done} of ${progress.total}` : ''}`.trim(),
          fraction: progress.total > 0 ? progress.done / progress.total : undefined,
        }),
    );
    return {
      result,
      imageSize: { width: image.width, height: image.height },
      loads: loaded.map((model) => model.report),
      runtime: await this.runtimeInfo(),
      backend: request.backend,
    };
  }

  async detectSpeech(request: VadRequest, onProgress?: ProgressListener): Promise<VadResponse> {
    await this.assertBackend(request.backend);
    const loaded = await this.load(request.modelId, request.backend, onProgress);
    const result = await runVad(
      request.samples,
      request.sampleRate,
      loaded.session,
      request.modelId,
      {},
      (done, total) => onProgress?.({ message: `Scoring frame ${done} of ${total}`, fraction: done / total }),
    );
    return { result, loads: [loaded.report], runtime: await this.runtimeInfo(), backend: request.backend };
  }

  async benchmarkCell(
    request: BenchCellRequest,
    onProgress?: (progress: BenchProgress) => void,
  ): Promise<BenchCellResult> {
    this.benchCancelled = false;
    // Benchmarks create and release their own sessions; free the task views' ones first.
    await this.releaseSessions();
    return runBenchCell(
      request,
      {
        runtime: this.runtime,
        store: this.store,
        capabilities: await detectCapabilities(),
        assets: { charset: () => this.ocrCharset(), speech16k: () => this.benchSpeech() },
        cancelled: () => this.benchCancelled,
      },
      (progress) => onProgress?.(progress),
    );
  }

  async cancelBenchmark(): Promise<void> {
    this.benchCancelled = true;
  }

  async releaseSessions(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(sessions.map(async (session) => (await session).release()));
  }

  private async assertBackend(backend: BackendId): Promise<void> {
    const status = (await detectCapabilities()).backends[backend];
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
  }

  private async load(
    modelId: string,
    backend: BackendId,
    onProgress?: ProgressListener,
  ): Promise<LoadedModel> {
    await this.releaseOtherBackends(backend);
    const model = findModel(modelId);
    const key = `${modelId}@${backend}`;
    const existing = this.sessions.get(key);
    if (existing) {
      const session = await existing;
      return {
        session,
        report: { modelId, backend, bytes: 0, fetchMs: 0, createMs: 0, reusedSession: true },
      };
    }
    const file = modelFile(model, 'model');
    const fetched = await this.store.fetchFile(model, file, (progress) =>
      onProgress?.({
        message: `Downloading ${progress.file} (${(progress.loadedBytes / 1e6).toFixed(1)} of ${(progress.totalBytes / 1e6).toFixed(1)} MB)`,
        fraction: progress.loadedBytes / progress.totalBytes,
      }),
    );
    onProgress?.({ message: `Starting ${model.displayName} on ${backend}` });
    const pending = this.runtime.createSession(fetched.bytes, backend, `${model.displayName} (${modelId})`);
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
        bytes: fetched.bytes.byteLength,
        fetchMs: fetched.fetchMs,
        createMs: session.info.createMs,
        reusedSession: false,
      },
    };
  }

  /** Fetched, decoded and resampled once per worker, not once per VAD cell. */
  private benchSpeech(): Promise<Float32Array> {
    this.speech ??= (async () => {
      const response = await fetch(new URL(BENCH_SPEECH_PATH, this.appBaseUrl));
      if (!response.ok) {
        throw new Error(
          `The benchmark speech clip ${BENCH_SPEECH_PATH} is missing (HTTP ${response.status})`,
        );
      }
      const wav = parseWav(new Uint8Array(await response.arrayBuffer()));
      return resample(mixToMono(wav.channels), wav.sampleRate, SILERO_SAMPLE_RATE);
    })();
    this.speech.catch(() => (this.speech = undefined));
    return this.speech;
  }

  private ocrCharset(onProgress?: ProgressListener): Promise<string[]> {
    this.charset ??= (async () => {
      const model = findModel('ppocr-v4-rec');
      onProgress?.({ message: 'Loading the recognition dictionary' });
      const { bytes } = await this.store.fetchFile(model, modelFile(model, 'dictionary'));
      return parseDictionary(new TextDecoder().decode(bytes));
    })();
    this.charset.catch(() => (this.charset = undefined));
    return this.charset;
  }
}
