// The only module that imports onnxruntime-web. It configures ORT once per worker (wasm files from
// our own origin, thread count), creates sessions on wasm / webgpu / webnn, converts tensors both
// ways, disposes every ORT tensor it creates or receives, and turns ORT's errors into ours.

import * as ort from 'onnxruntime-web';
import type { BackendId } from '../../core/backends';
import { ModelLoadError, UnsupportedOpError } from '../../core/errors';
import { ORT_WASM_DIR } from './ort-files';
import { captureConsole, installConsoleHook } from './console-capture';
import type { DiagnosticSession, ModelRuntime, ModelSession } from '../runtime';
import type { TensorData, TensorValues } from '../../core/tensor';

export interface OrtRuntimeOptions {
  /** Absolute URL the app is served from; ORT files live under ort/ below it. */
  readonly appBaseUrl: string;
  readonly threads: number;
}

function executionProviders(backend: BackendId): ort.InferenceSession.ExecutionProviderConfig[] {
  switch (backend) {
    case 'wasm':
      return ['wasm'];
    case 'webgpu':
      return ['webgpu'];
    case 'webnn':
      return [{ name: 'webnn', deviceType: 'gpu' }];
  }
}

const UNSUPPORTED_OP = /(could not find an implementation|not supported|unsupported|no kernel)/i;
const NOT_A_MODEL = /(protobuf|parsing|failed to load model|invalid model|model_path|modelproto)/i;

function explainCreateError(error: unknown, label: string, backend: BackendId): Error {
  const message = error instanceof Error ? error.message : String(error);
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

function toOrtTensor(tensor: TensorData): ort.Tensor {
  return new ort.Tensor(tensor.type, tensor.data, [...tensor.dims]);
}

/** CPU outputs are readable at once; GPU-resident ones are downloaded first. */
async function fromOrtTensor(tensor: ort.Tensor): Promise<TensorData> {
  const data = (tensor.location === 'cpu' ? tensor.data : await tensor.getData()) as TensorValues;
  return { type: tensor.type as TensorData['type'], data, dims: tensor.dims };
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

  // Plain loops: on sub-millisecond models (Silero VAD) per-call overhead shows in the benchmark.
  // Inputs wrap our own CPU arrays, so they hold nothing to dispose; every output is disposed once read.
  async run(feeds: Readonly<Record<string, TensorData>>): Promise<Record<string, TensorData>> {
    const inputs: Record<string, ort.Tensor> = {};
    for (const name in feeds) inputs[name] = toOrtTensor(feeds[name] as TensorData);
    const outputs = await this.session.run(inputs);
    const result: Record<string, TensorData> = {};
    for (const name in outputs) {
      const tensor = outputs[name] as ort.Tensor;
      result[name] = await fromOrtTensor(tensor);
      tensor.dispose();
    }
    return result;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

class OrtDiagnosticSession extends OrtSession implements DiagnosticSession {
  constructor(
    session: ort.InferenceSession,
    info: ModelSession['info'],
    readonly creationLog: readonly string[],
  ) {
    super(session, info);
  }

  async endProfiling(): Promise<string[]> {
    const { lines } = await captureConsole(() => this.session.endProfiling());
    return lines;
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
  ort.env.wasm.wasmPaths = new URL(ORT_WASM_DIR, options.appBaseUrl).href;
  ort.env.wasm.numThreads = options.threads;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  return {
    name: 'onnxruntime-web',
    version: ort.env.versions.web ?? 'unknown',
    async createSession(modelBytes, backend, label) {
      const started = performance.now();
      const session = await createOrtSession(modelBytes, backend, label);
      return new OrtSession(session, {
        backend,
        threads: options.threads,
        createMs: performance.now() - started,
      });
    },
    async createDiagnosticSession(modelBytes, backend, label) {
      const started = performance.now();
      const { result: session, lines } = await captureConsole(() =>
        createOrtSession(modelBytes, backend, label, DIAGNOSTIC_OPTIONS),
      );
      const info = { backend, threads: options.threads, createMs: performance.now() - started };
      return new OrtDiagnosticSession(session, info, lines);
    },
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
      executionProviders: executionProviders(backend),
      graphOptimizationLevel: 'all',
      // Errors only: placement warnings are reported through diagnostic sessions instead.
      logSeverityLevel: 3,
      ...extra,
    });
  } catch (error) {
    throw explainCreateError(error, label, backend);
  }
}
