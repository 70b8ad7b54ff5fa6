// The Transformers.js runtime: Hugging Face pipelines (tokenizer, model, post-processing) in the
// worker, on the same ONNX Runtime Web the ORT runtime uses. Transformers.js imports
// `onnxruntime-web/webgpu`; vite.config.ts resolves that to the JSPI build the app already ships, so
// the built app holds one onnxruntime-web (the app's 1.30.0; package.json overrides the 1.31 dev build
// Transformers.js 4.3 asks for) and both runtimes share one started wasm. Models load from the app's
// own origin (public/models/<id>/, the Hugging Face layout), through guardedFetch, which refuses any
// other origin and checks every file against its record's sha256. Hub models (records with `remote`)
// load from the Hub host only while the user has the Hub switched on: only then does guardedFetch
// allow the Hub's origins and Transformers.js allow remote models; app models always load with
// local_files_only, so they never reach the Hub even then. A file the catalog keeps elsewhere than
// models/<id>/ (a variant made in this browser: its model file in IndexedDB, its config and tokenizer
// its parent's) is read from there by guardedFetch, verified the same way.

import packageJson from '../../../package.json';
import type { BackendId } from '../../core/backends';
import {
  BackendUnavailableError,
  errorMessage,
  ModelLoadError,
  NetworkBlockedError,
  UnsupportedOpError,
} from '../../core/errors';
import type { HubHosts } from '../../core/hub';
import type { ModelCatalog } from '../../catalog/catalog';
import type { FileRead, ModelRecord, RemoteLocation } from '../../catalog/model-record';
import type {
  PipelineKind,
  PipelineKinds,
  PipelineLoad,
  PipelineOptions,
  PipelineRuntime,
  RemoteModels,
  ScoredLabel,
} from '../pipeline-runtime';
import { coveredMs, type TimeSpan } from '../../core/timing';
import { downloadProgress } from './download-progress';
import { guardedFetch, type FileTarget } from './guarded-fetch';
import { clearHubCache, hubCache, listHubCache } from './hub-cache';
import { modelFeeds, type TokenizingPipeline } from './model-feeds';
import { textGenerator, type GenerationPipeline } from './text-generator';

type Transformers = typeof import('@huggingface/transformers');

export interface TransformersRuntimeOptions {
  /** Absolute URL the app is served from; models under models/, ORT's files under ort/. */
  readonly appBaseUrl: string;
  readonly threads: number;
  /** The browser has JavaScript Promise Integration: Transformers.js runs on ORT's JSPI build here. */
  readonly jspi: boolean;
  /** The catalog's records, to verify the files Transformers.js reads. */
  readonly model: (id: string) => ModelRecord | undefined;
  /** Where the catalog keeps a record's files, when not under models/<id>/ (variants); without it, there. */
  readonly files?: Pick<ModelCatalog, 'fileUrl' | 'readStoredFile'>;
  /** The Hub this build may reach when the user switches it on (src/core/hub-config.ts). */
  readonly hub: HubHosts;
}

const DEVICES: Readonly<Record<BackendId, string>> = { wasm: 'wasm', webgpu: 'webgpu', webnn: 'webnn' };

export function createTransformersRuntime(options: TransformersRuntimeOptions): PipelineRuntime {
  const modelsUrl = new URL('models/', options.appBaseUrl);
  /** Files read per model since its load started; each load counts only its own model's files. */
  const reads = new Map<string, Array<FileRead & TimeSpan>>();
  /** Hub model loads in progress (one entry per load: the same model may load in two precisions at once). */
  const remoteLoads = new Set<{ readonly modelId: string; readonly location: RemoteLocation }>();
  let hubEnabled = false;
  const hubPrefix = (location: RemoteLocation) =>
    `${options.hub.host}/${location.repo}/resolve/${encodeURIComponent(location.revision)}/`;

  /** What a URL Transformers.js asks for serves: a file of an app model, of a Hub model being loaded, or
   * nothing: Transformers.js looks for a Hub repo under models/ first, and a Hub load must not take an
   * app-served copy (`npm run models:fetch` uses the repo id as folder) for the Hub's files. */
  const fileAt = (url: URL): FileTarget | undefined => {
    for (const { modelId, location } of remoteLoads) {
      const prefix = hubPrefix(location);
      if (url.href.startsWith(prefix)) {
        const name = decodeURIComponent(url.href.slice(prefix.length));
        return { kind: 'remote', name, label: `${location.repo}@${location.revision}/${name}`, modelId };
      }
      if (url.href.startsWith(`${modelsUrl.href}${location.repo}/`)) return { kind: 'absent' };
    }
    if (!url.href.startsWith(modelsUrl.href)) return undefined;
    // Ids of models fetched from the Hub have a slash in them (Xenova/all-MiniLM-L6-v2).
    const segments = url.href.slice(modelsUrl.href.length).split('/');
    for (let cut = 1; cut < segments.length; cut++) {
      const record = options.model(segments.slice(0, cut).join('/'));
      const name = segments.slice(cut).join('/');
      const file = record?.files.find((candidate) => candidate.name === name);
      if (record && file) {
        const files = options.files;
        return {
          kind: 'pinned',
          file,
          label: `${record.id}/${file.name}`,
          modelId: record.id,
          ...(files
            ? {
                url: new URL(files.fileUrl(record, file), options.appBaseUrl).href,
                read: () => files.readStoredFile(record, file),
              }
            : {}),
        };
      }
      // The app's copy of a model holds exactly its record's files. Transformers.js looks for optional
      // ones (an image model's tokenizer.json), and a static server answers a missing path with the
      // app's index.html, which it would then parse as JSON.
      if (record) return { kind: 'absent' };
    }
    return undefined;
  };

  let loading: Promise<Transformers> | undefined;
  const library = () => {
    loading ??= import('@huggingface/transformers').then((transformers) => {
      const { env } = transformers;
      env.allowLocalModels = true;
      env.allowRemoteModels = hubEnabled;
      // A path, not a URL: Transformers.js 4.3 treats an http(s) localModelPath as remote and then skips
      // its local check for optional files, so tokenizer.json would never be looked for.
      env.localModelPath = modelsUrl.pathname;
      env.remoteHost = `${options.hub.host}/`;
      env.remotePathTemplate = '{model}/resolve/{revision}/';
      // Hub files are cached by guardedFetch instead (hub-cache.ts says why).
      env.useBrowserCache = false;
      env.useWasmCache = false;
      env.fetch = guardedFetch({
        origin: new URL(options.appBaseUrl).origin,
        allowedOrigins: () => (hubEnabled ? options.hub.origins : []),
        fileAt,
        cache: hubCache(),
        onRead: ({ modelId, ms, ...read }) => {
          const end = performance.now();
          reads.get(modelId)?.push({ ...read, start: end - ms, end });
        },
      });
      const onnx = env.backends.onnx as {
        wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean };
      };
      if (onnx.wasm) {
        onnx.wasm.wasmPaths = new URL('ort/', options.appBaseUrl).href;
        onnx.wasm.numThreads = options.threads;
        onnx.wasm.proxy = false;
      }
      return transformers;
    });
    return loading;
  };

  const remote: RemoteModels = {
    host: options.hub.host,
    setEnabled(enabled) {
      hubEnabled = enabled;
      void loading?.then(({ env }) => {
        env.allowRemoteModels = hubEnabled;
      });
    },
    enabled: () => hubEnabled,
    cached: listHubCache,
    clearCache: clearHubCache,
  };

  return {
    name: 'transformers.js',
    version: packageJson.dependencies['@huggingface/transformers'],
    ortBuild: 'jspi',
    setupSnippet: (kind, modelId, { backend, dtype }) =>
      [
        "import { env, pipeline } from '@huggingface/transformers';",
        `env.backends.onnx.wasm.numThreads = ${options.threads};`,
        `const run = await pipeline('${kind}', '${modelId}', { device: '${DEVICES[backend]}', dtype: '${dtype}' });`,
      ].join('\n'),
    remote,
    async load<K extends PipelineKind>(kind: K, model: ModelRecord, pipelineOptions: PipelineOptions) {
      if (!options.jspi) {
        throw new BackendUnavailableError(
          "Transformers.js models run on ONNX Runtime Web's JSPI build in this app, and this browser lacks " +
            'JavaScript Promise Integration (Chromium 137 or later has it).',
        );
      }
      const location = model.remote;
      if (location && !hubEnabled) {
        throw new NetworkBlockedError(
          `${location.repo} is a Hugging Face Hub model and the Hub is off: turn on "Hugging Face Hub" in ` +
            'the settings to download it. Nothing was requested.',
        );
      }
      const transformers = await library();
      const started = performance.now();
      const ownReads: Array<FileRead & TimeSpan> = [];
      reads.set(model.id, ownReads);
      const label = `${model.displayName} (${model.id}, ${pipelineOptions.dtype})`;
      pipelineOptions.onProgress?.({ message: `Loading ${label} on ${pipelineOptions.backend}` });
      const remoteLoad = location && { modelId: model.id, location };
      if (remoteLoad) remoteLoads.add(remoteLoad);
      let loaded: unknown;
      try {
        // An app model by its path under models/, not its id: Transformers.js looks for a name that is no
        // Hub id (a variant's, `tiny-bert-sentiment~q4`) next to the page instead of under localModelPath.
        loaded = await transformers.pipeline(
          kind,
          location ? location.repo : `${modelsUrl.pathname}${model.id}`,
          {
            device: DEVICES[pipelineOptions.backend] as never,
            dtype: pipelineOptions.dtype as never,
            ...(location
              ? {
                  revision: location.revision,
                  local_files_only: false,
                  progress_callback: downloadProgress(`${location.repo}@${location.revision}`, (progress) =>
                    pipelineOptions.onProgress?.(progress),
                  ) as (event: unknown) => void,
                }
              : { local_files_only: true }),
          },
        );
      } catch (error) {
        throw explainLoadError(error, label, pipelineOptions.backend, location, pipelineOptions.dtype);
      } finally {
        if (remoteLoad) remoteLoads.delete(remoteLoad);
      }
      const load: PipelineLoad = {
        bytes: ownReads.reduce((sum, read) => sum + read.bytes, 0),
        // Transformers.js reads a model's files in parallel: the time any read was in flight.
        fetchMs: coveredMs(ownReads),
        totalMs: performance.now() - started,
        // Transformers.js reads config.json twice (for the file list, then the model): one line per file,
        // as its first read found it.
        files: ownReads
          .filter((read, index) => ownReads.findIndex((other) => other.name === read.name) === index)
          .map(({ start: _start, end: _end, ...read }) => read),
      };
      return { pipeline: wrap(kind, loaded, transformers), load };
    },
  };
}

function explainLoadError(
  error: unknown,
  label: string,
  backend: BackendId,
  location: RemoteLocation | undefined,
  dtype: string,
): Error {
  if (error instanceof Error && 'kind' in error) return error;
  const message = errorMessage(error);
  // Transformers.js: `Could not locate file: "<url>".` for a 404, `… access to file: "<url>".` for 401/403.
  const missing =
    location && /^(Could not locate|Unauthorized access to|Forbidden access to) file: "(.+)"/.exec(message);
  if (location && missing) {
    const url = missing[2] ?? '';
    const file = url.split(`/resolve/`)[1]?.split('/').slice(1).join('/') ?? url;
    const why = missing[1] === 'Could not locate' ? 'has no file' : 'refuses access (gated or private) to';
    return new ModelLoadError(
      `The Hub repository ${location.repo} at revision ${location.revision} ${why} ${file} (${url}). ` +
        `Check the repository id and revision, and that it has Transformers.js ONNX files for ${dtype}.`,
    );
  }
  if (/not support|unsupported|no kernel|could not find an implementation/i.test(message))
    return new UnsupportedOpError(`${label} cannot run on ${backend}: ${message}`);
  return new ModelLoadError(`Could not load ${label} on ${backend}: ${message}`);
}

interface Disposable {
  dispose(): Promise<void>;
}
type ClassifierCall = (
  texts: string[],
  options: { top_k: number },
) => Promise<ScoredLabel[] | ScoredLabel[][]>;
type ImageClassifierCall = (
  image: InstanceType<Transformers['RawImage']>,
  options: { top_k: number },
) => Promise<ScoredLabel[]>;
type ExtractorCall = (
  texts: string[],
  options: { pooling: 'mean'; normalize: true },
) => Promise<{ dims: number[]; data: Float32Array }>;

const dispose = (loaded: unknown) => () => (loaded as Disposable).dispose();

/** Per kind, the adapter from a loaded Transformers.js pipeline to the app's pipeline interface. */
const ADAPTERS: {
  readonly [K in PipelineKind]: (loaded: unknown, transformers: Transformers) => PipelineKinds[K];
} = {
  'text-classification': (loaded) => {
    const classify = loaded as ClassifierCall;
    return {
      async classify(texts, topK) {
        const out = await classify([...texts], { top_k: topK });
        // One text with top_k > 1, or top_k 1, gives a flat list; normalise to one list per text.
        return texts.length === 1 && !Array.isArray(out[0])
          ? [out as ScoredLabel[]]
          : (out as Array<ScoredLabel | ScoredLabel[]>).map((entry) =>
              Array.isArray(entry) ? entry : [entry],
            );
      },
      tokenize: async (texts) => modelFeeds(loaded as TokenizingPipeline, texts),
      dispose: dispose(loaded),
    };
  },
  'feature-extraction': (loaded) => {
    const extract = loaded as ExtractorCall;
    return {
      async embed(texts) {
        const { dims, data } = await extract([...texts], { pooling: 'mean', normalize: true });
        const width = dims[dims.length - 1] ?? 0;
        return texts.map((_, row) => data.slice(row * width, (row + 1) * width));
      },
      dispose: dispose(loaded),
    };
  },
  'text-generation': (loaded, transformers) =>
    textGenerator(loaded as GenerationPipeline, transformers, dispose(loaded)),
  'image-classification': (loaded, { RawImage }) => {
    const classify = loaded as ImageClassifierCall;
    return {
      // A RawImage over the RGBA pixels as they are (no copy, no DOM): the pipeline's processor drops
      // alpha, resizes and normalizes as the model's preprocessor_config.json says.
      classify: (image, topK) =>
        classify(new RawImage(image.data, image.width, image.height, 4), { top_k: topK }),
      dispose: dispose(loaded),
    };
  },
};

function wrap<K extends PipelineKind>(
  kind: K,
  loaded: unknown,
  transformers: Transformers,
): PipelineKinds[K] {
  return (ADAPTERS[kind] as (loaded: unknown, transformers: Transformers) => PipelineKinds[K])(
    loaded,
    transformers,
  );
}
