// The ONNX Runtime Web runtime. It loads the build each backend runs on (ort-builds.ts) when a session
// first needs it and configures it (wasm files from our own origin, thread count), creates sessions on
// wasm / webgpu / webnn with the session options a benchmark config asks for (ort-session-options.ts),
// turns ORT's errors into ours, and answers everything ORT-specific the rest of
// the app asks: node placement and operator profile (parsed from ORT's own log lines), and the snippet
// that recreates a benchmarked session.

import type { InferenceSession } from 'onnxruntime-web';
import packageJson from '../../../package.json';
import type { BackendId } from '../../core/backends';
import { errorMessage, InvalidInputError, ModelLoadError, UnsupportedOpError } from '../../core/errors';
import type { TensorData } from '../../core/tensor';
import type { DiagnosticSession, ModelRuntime, ModelSession, SessionSettings } from '../runtime';
import { captureConsole, installConsoleHook } from './console-capture';
import { chooseOrtBuild, ORT_BUILDS, ORT_WASM_DIR, type OrtBuildId, type OrtModule } from './ort-builds';
import { ortSnippet, PROVIDERS, providerName } from './ort-providers';
import { freeDimensionMismatch, ortSessionChoices, type OrtSessionChoices } from './ort-session-options';
import { parseNodePlacement, parseProfile, providerLabel } from './ort-diagnostics';
import { runOrtSession } from './ort-tensors';
import { onnxGraphInputs, type OnnxInput } from './onnx-inputs';
import { startModelBytes } from './start-model';
import { installWasmHeapWatch, wasmHeapBytes } from './wasm-heap';

const UNSUPPORTED_OP = /(could not find an implementation|not supported|unsupported|no kernel)/i;
const NOT_A_MODEL = /(protobuf|parsing|failed to load model|invalid model|model_path|modelproto)/i;

function explainCreateError(error: unknown, label: string, backend: BackendId): Error {
  const message = errorMessage(error);
  if (NOT_A_MODEL.test(message)) {
    return new ModelLoadError(
      `${label} is not a valid ONNX model (is the file corrupt or truncated?): ${message}`,
    );
  }
  if (UNSUPPORTED_OP.test(message)) {
    return new UnsupportedOpError(`${label} uses an operator the ${backend} backend lacks: ${message}`);
  }
  return new ModelLoadError(`Could not start ${label} on ${backend}: ${message}`);
}

class OrtSession implements ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];

  constructor(
    private readonly ort: OrtModule,
    protected readonly session: InferenceSession,
    readonly info: ModelSession['info'],
  ) {
    this.inputNames = session.inputNames;
    this.outputNames = session.outputNames;
  }

  run(feeds: Readonly<Record<string, TensorData>>): Promise<Record<string, TensorData>> {
    return runOrtSession(this.session, this.ort.Tensor, feeds);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

class OrtDiagnosticSession extends OrtSession implements DiagnosticSession {
  constructor(
    ort: OrtModule,
    session: InferenceSession,
    info: ModelSession['info'],
    readonly placement: DiagnosticSession['placement'],
  ) {
    super(ort, session, info);
  }

  /** Verbose sessions log every run; that is kept out of the user's console. */
  override async run(feeds: Readonly<Record<string, TensorData>>): Promise<Record<string, TensorData>> {
    return (await captureConsole(() => super.run(feeds))).result;
  }

  async endProfiling() {
    const { lines } = await captureConsole(() => this.session.endProfiling());
    return parseProfile(lines);
  }
}

/** Verbose logging makes ORT list which provider got each node; profiling times every kernel. */
const DIAGNOSTIC_OPTIONS: InferenceSession.SessionOptions = {
  logSeverityLevel: 0,
  logVerbosityLevel: 0,
  enableProfiling: true,
};

export interface OrtRuntimeOptions {
  /** Absolute URL the app is served from; ORT files live under ort/ below it. Without it (Node tests),
   * ORT loads its files from its own package. */
  readonly appBaseUrl?: string;
  readonly threads: number;
  /** The browser has JavaScript Promise Integration, which the jspi build needs (Capabilities.wasmJspi). */
  readonly jspi: boolean;
}

export function createOrtRuntime(options: OrtRuntimeOptions): ModelRuntime {
  installConsoleHook();
  installWasmHeapWatch();
  const modules = new Map<OrtBuildId, Promise<OrtModule>>();
  /** Each build is imported, and set up, the first time a session needs it. */
  const moduleOf = (build: OrtBuildId): Promise<OrtModule> => {
    let loading = modules.get(build);
    if (!loading) {
      loading = ORT_BUILDS[build].load().then((ort) => {
        if (options.appBaseUrl !== undefined)
          ort.env.wasm.wasmPaths = new URL(ORT_WASM_DIR, options.appBaseUrl).href;
        ort.env.wasm.numThreads = options.threads;
        ort.env.wasm.proxy = false;
        ort.env.logLevel = 'error';
        return ort;
      });
      modules.set(build, loading);
      loading.catch(() => modules.delete(build));
    }
    return loading;
  };
  /** One start per build and backend: a session on the smallest model, released at once. */
  const starts = new Map<string, Promise<void>>();
  const start = (backend: BackendId, settings: SessionSettings | undefined): Promise<void> => {
    const build = chooseOrtBuild(backend, settings?.build, options.jspi);
    const key = `${build}/${backend}`;
    let starting = starts.get(key);
    if (!starting) {
      starting = (async () => {
        const ort = await moduleOf(build);
        const choices = ortSessionChoices(undefined, backend);
        await (await createOrtSession(ort, startModelBytes(), backend, 'the runtime', choices)).release();
      })();
      starts.set(key, starting);
      starting.catch(() => starts.delete(key));
    }
    return starting;
  };
  const open = async (
    modelBytes: Uint8Array,
    backend: BackendId,
    label: string,
    settings: SessionSettings | undefined,
    extra?: InferenceSession.SessionOptions,
  ) => {
    const started = performance.now();
    const build = chooseOrtBuild(backend, settings?.build, options.jspi);
    const choices = ortSessionChoices(settings?.options, backend);
    checkFreeDimensions(modelBytes, choices, label);
    const ort = await moduleOf(build);
    const session = await createOrtSession(ort, modelBytes, backend, label, choices, extra);
    const info = { backend, build, threads: options.threads, createMs: performance.now() - started };
    return { ort, session, info, build };
  };
  return {
    name: 'onnxruntime-web',
    version: packageJson.dependencies['onnxruntime-web'],
    threads: options.threads,
    start,
    async createSession(modelBytes, backend, label, settings) {
      const { ort, session, info } = await open(modelBytes, backend, label, settings);
      return new OrtSession(ort, session, info);
    },
    async createDiagnosticSession(modelBytes, backend, label, settings) {
      const { result, lines } = await captureConsole(() =>
        open(modelBytes, backend, label, settings, DIAGNOSTIC_OPTIONS),
      );
      const placement = parseNodePlacement(lines, providerName(backend, result.build));
      return new OrtDiagnosticSession(result.ort, result.session, result.info, {
        ...placement,
        providers: placement.providers.map((entry) => ({ ...entry, label: providerLabel(entry.provider) })),
      });
    },
    wasmHeapBytes,
    setupSnippet: (config) =>
      ortSnippet(
        config.backend,
        config.threads,
        chooseOrtBuild(config.backend, config.build, options.jspi),
        ortSessionChoices(config.options, config.backend),
      ),
  };
}

async function createOrtSession(
  ort: OrtModule,
  modelBytes: Uint8Array,
  backend: BackendId,
  label: string,
  choices: OrtSessionChoices,
  extra: InferenceSession.SessionOptions = {},
): Promise<InferenceSession> {
  try {
    return await ort.InferenceSession.create(modelBytes, {
      executionProviders: [PROVIDERS[backend].config],
      ...choices,
      // Errors only: placement warnings are reported through diagnostic sessions instead.
      logSeverityLevel: 3,
      ...extra,
    });
  } catch (error) {
    throw explainCreateError(error, label, backend);
  }
}

/**
 * ORT ignores a free dimension override whose name the model lacks, so a typo would pass for a measured
 * setting: the names are checked against the model's graph inputs first. Bytes that do not parse are
 * left to ORT, whose error says more.
 */
function checkFreeDimensions(modelBytes: Uint8Array, choices: OrtSessionChoices, label: string): void {
  if (choices.freeDimensionOverrides === undefined) return;
  let inputs: OnnxInput[];
  try {
    inputs = onnxGraphInputs(modelBytes);
  } catch {
    return;
  }
  const mismatch = freeDimensionMismatch(choices.freeDimensionOverrides, inputs);
  if (mismatch !== undefined) throw new InvalidInputError(`${label}: ${mismatch}`);
}
