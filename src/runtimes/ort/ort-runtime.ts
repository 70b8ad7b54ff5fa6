// The ONNX Runtime Web runtime, and the only module that loads onnxruntime-web's engine. It configures
// ORT once per worker (wasm files from our own origin, thread count), creates sessions on wasm /
// webgpu / webnn, turns ORT's errors into ours, and answers everything ORT-specific the rest of the
// app asks: node placement and operator profile (parsed from ORT's own log lines), and the snippet
// that recreates a benchmarked session.

import * as ort from 'onnxruntime-web';
import type { BackendId } from '../../core/backends';
import { errorMessage, ModelLoadError, UnsupportedOpError } from '../../core/errors';
import type { TensorData } from '../../core/tensor';
import type { DiagnosticSession, ModelRuntime, ModelSession } from '../runtime';
import { captureConsole, installConsoleHook } from './console-capture';
import { ORT_WASM_DIR } from './ort-files';
import { GRAPH_OPTIMIZATION_LEVEL, ortSnippet, PROVIDERS } from './ort-providers';
import { parseNodePlacement, parseProfile, providerLabel } from './ort-diagnostics';
import { runOrtSession } from './ort-tensors';

export interface OrtRuntimeOptions {
  /** Absolute URL the app is served from; ORT files live under ort/ below it. Without it (Node tests),
   * ORT loads its files from its own package. */
  readonly appBaseUrl?: string;
  readonly threads: number;
}

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
    protected readonly session: ort.InferenceSession,
    readonly info: ModelSession['info'],
  ) {
    this.inputNames = session.inputNames;
    this.outputNames = session.outputNames;
  }

  run(feeds: Readonly<Record<string, TensorData>>): Promise<Record<string, TensorData>> {
    return runOrtSession(this.session, ort.Tensor, feeds);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

class OrtDiagnosticSession extends OrtSession implements DiagnosticSession {
  constructor(
    session: ort.InferenceSession,
    info: ModelSession['info'],
    readonly placement: DiagnosticSession['placement'],
  ) {
    super(session, info);
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
const DIAGNOSTIC_OPTIONS: ort.InferenceSession.SessionOptions = {
  logSeverityLevel: 0,
  logVerbosityLevel: 0,
  enableProfiling: true,
};

export function createOrtRuntime(options: OrtRuntimeOptions): ModelRuntime {
  installConsoleHook();
  if (options.appBaseUrl !== undefined)
    ort.env.wasm.wasmPaths = new URL(ORT_WASM_DIR, options.appBaseUrl).href;
  ort.env.wasm.numThreads = options.threads;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  const info = (backend: BackendId, started: number) => ({
    backend,
    threads: options.threads,
    createMs: performance.now() - started,
  });
  return {
    name: 'onnxruntime-web',
    version: ort.env.versions.web ?? 'unknown',
    threads: options.threads,
    async createSession(modelBytes, backend, label) {
      const started = performance.now();
      const session = await createOrtSession(modelBytes, backend, label);
      return new OrtSession(session, info(backend, started));
    },
    async createDiagnosticSession(modelBytes, backend, label) {
      const started = performance.now();
      const { result: session, lines } = await captureConsole(() =>
        createOrtSession(modelBytes, backend, label, DIAGNOSTIC_OPTIONS),
      );
      const placement = parseNodePlacement(lines, PROVIDERS[backend].name);
      return new OrtDiagnosticSession(session, info(backend, started), {
        ...placement,
        providers: placement.providers.map((entry) => ({ ...entry, label: providerLabel(entry.provider) })),
      });
    },
    setupSnippet: ortSnippet,
  };
}

async function createOrtSession(
  modelBytes: Uint8Array,
  backend: BackendId,
  label: string,
  extra: ort.InferenceSession.SessionOptions = {},
): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(modelBytes, {
      executionProviders: [PROVIDERS[backend].config],
      graphOptimizationLevel: GRAPH_OPTIMIZATION_LEVEL,
      // Errors only: placement warnings are reported through diagnostic sessions instead.
      logSeverityLevel: 3,
      ...extra,
    });
  } catch (error) {
    throw explainCreateError(error, label, backend);
  }
}
