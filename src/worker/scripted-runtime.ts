// Test support for the worker's unit tests (cell-runner.test.ts, local-engine.test.ts), not a test itself:
// a ModelRuntime whose sessions answer with fixed tensors and move a fake clock forward by scripted
// durations, so timings come out as exact numbers; a model record and a benchmark small enough to read
// at a glance; capabilities with every backend available unless a test says otherwise. Nothing in the
// app imports it.

import { vi } from 'vitest';
import type { BackendConfig } from '../core/backend-config';
import type { BackendId } from '../core/backends';
import { expectFloat32, float32Tensor, type TensorData } from '../core/tensor';
import type { ModelRecord } from '../catalog/model-record';
import type { BackendStatus, Capabilities, WebGpuAdapterSummary } from '../runtimes/capabilities';
import type { NodePlacement, OperatorTime } from '../runtimes/diagnostics';
import type { DiagnosticSession, ModelRuntime, ModelSession, SessionSettings } from '../runtimes/runtime';
import type { SessionBenchmark } from '../task-kit/task';
import type { WorkloadInput } from '../task-kit/workload';

/** A clock `performance.now()` reads (through a spy) and only the scripted sessions move. */
export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

/** Stubs `performance.now` with a clock starting at 0; undo with `vi.restoreAllMocks()`. */
export function installFakeClock(): FakeClock {
  let time = 0;
  const clock: FakeClock = {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
  vi.spyOn(performance, 'now').mockImplementation(() => time);
  return clock;
}

export interface RuntimeScript {
  /** Duration of each run() of a timed session, in call order across sessions; then `defaultRunMs`. */
  readonly runMs?: readonly number[];
  readonly defaultRunMs?: number;
  /** Duration of each run() of a diagnostic session. */
  readonly diagnosticRunMs?: number;
  /** What the runtime says session creation took. */
  readonly createMs?: number;
  /** How long the first start() of a backend takes on the clock; later ones are free. */
  readonly startMs?: number;
  /** start() rejects with this. */
  readonly startError?: Error;
  /** createSession rejects with this. */
  readonly createError?: Error;
  /** The run() of a timed session with this number (1-based, across sessions) throws. */
  readonly failOnRun?: number;
  readonly placement?: NodePlacement;
  readonly operatorTimes?: readonly OperatorTime[];
  /** What wasmHeapBytes() answers. */
  readonly wasmHeapBytes?: number;
}

export interface SessionRecord {
  readonly id: number;
  readonly kind: 'timed' | 'diagnostic';
  readonly backend: BackendId;
  /** The build the session was asked for, if any. */
  readonly build: string | undefined;
  /** The session options the session was asked for, if any. */
  readonly options: SessionSettings['options'];
  readonly label: string;
  runs: number;
  releases: number;
}

export const SCRIPTED_INPUT_NAME = 'x';
export const SCRIPTED_OUTPUT_NAME = 'y';

/**
 * Sessions answer every run with `y = [first byte of the model]`, so a test knows which model's session
 * produced an output. `events` logs creations and releases in order ("create timed#1 wasm", "release timed#1").
 */
export class ScriptedRuntime implements ModelRuntime {
  readonly name = 'scripted-runtime';
  readonly version = '9.8.7';
  readonly threads = 3;
  readonly sessions: SessionRecord[] = [];
  readonly events: string[] = [];
  /** run() calls on timed sessions so far. */
  timedRuns = 0;

  constructor(
    private readonly clock: FakeClock,
    /** What the sessions do; a test may swap it between calls. */
    public script: RuntimeScript = {},
  ) {}

  /** Backends (with build) started so far, in order. */
  readonly started: string[] = [];

  async start(backend: BackendId, settings?: SessionSettings): Promise<void> {
    if (this.script.startError) {
      this.events.push(`start failed ${backend}`);
      throw this.script.startError;
    }
    const key = `${backend}@${settings?.build ?? 'default'}`;
    if (this.started.includes(key)) return;
    this.started.push(key);
    this.events.push(`start ${key}`);
    this.clock.advance(this.script.startMs ?? 0);
  }

  async createSession(
    modelBytes: Uint8Array,
    backend: BackendId,
    label: string,
    settings?: SessionSettings,
  ): Promise<ModelSession> {
    if (this.script.createError) {
      this.events.push(`create failed ${backend}`);
      throw this.script.createError;
    }
    return this.session('timed', modelBytes, backend, label, settings);
  }

  async createDiagnosticSession(
    modelBytes: Uint8Array,
    backend: BackendId,
    label: string,
    settings?: SessionSettings,
  ): Promise<DiagnosticSession> {
    const session = this.session('diagnostic', modelBytes, backend, label, settings);
    const id = this.sessions.length;
    return {
      ...session,
      placement: this.script.placement ?? { providers: [], cpuFallbackNodes: 0 },
      endProfiling: async () => {
        this.events.push(`end profiling diagnostic#${id}`);
        return [...(this.script.operatorTimes ?? [])];
      },
    };
  }

  setupSnippet(config: BackendConfig): string {
    return `scripted setup for ${config.id} with ${config.threads} threads`;
  }

  wasmHeapBytes(): number | undefined {
    return this.script.wasmHeapBytes;
  }

  /** Sessions created and not released exactly once. */
  unreleased(): SessionRecord[] {
    return this.sessions.filter((record) => record.releases !== 1);
  }

  private session(
    kind: SessionRecord['kind'],
    modelBytes: Uint8Array,
    backend: BackendId,
    label: string,
    settings: SessionSettings | undefined,
  ): ModelSession {
    const record: SessionRecord = {
      id: this.sessions.length + 1,
      kind,
      backend,
      build: settings?.build,
      options: settings?.options,
      label,
      runs: 0,
      releases: 0,
    };
    this.sessions.push(record);
    const name = `${kind}#${record.id}`;
    this.events.push(`create ${name} ${backend}`);
    const output = float32Tensor(Float32Array.of(modelBytes[0] ?? 0), [1]);
    return {
      inputNames: [SCRIPTED_INPUT_NAME],
      outputNames: [SCRIPTED_OUTPUT_NAME],
      info: {
        backend,
        build: settings?.build ?? 'scripted',
        threads: this.threads,
        createMs: this.script.createMs ?? 0,
      },
      run: async () => {
        record.runs++;
        if (kind === 'diagnostic') {
          this.clock.advance(this.script.diagnosticRunMs ?? 0);
        } else {
          this.timedRuns++;
          if (this.timedRuns === this.script.failOnRun)
            throw new Error(`scripted failure on run ${this.timedRuns}`);
          this.clock.advance(this.script.runMs?.[this.timedRuns - 1] ?? this.script.defaultRunMs ?? 1);
        }
        return { [SCRIPTED_OUTPUT_NAME]: output };
      },
      release: async () => {
        record.releases++;
        this.events.push(`release ${name}`);
      },
    };
  }
}

export function testModel(id: string, task = 'test-kind'): ModelRecord {
  return {
    id,
    displayName: `Model ${id}`,
    task,
    runtime: 'scripted',
    files: [
      { name: 'model.onnx', role: 'model', packagePath: 'model.onnx', sha256: '0'.repeat(64), bytes: 4 },
      { name: 'dict.txt', role: 'dictionary', packagePath: 'dict.txt', sha256: '1'.repeat(64), bytes: 2 },
    ],
    inputSpec: 'x float32 [2]',
    outputSpec: 'y float32 [1]',
    license: 'MIT',
    npmPackage: 'none',
    originProject: 'tests',
    originUrl: 'https://example.invalid/',
    modelCardUrl: 'https://example.invalid/',
    intendedUse: 'Tests.',
    limitations: [],
  };
}

export const SCRIPTED_INPUT_DESCRIPTION = 'two scripted samples';

/**
 * A benchmark whose input is two speech samples, whose timed inference is one run of the session, and
 * whose reference is the session's output `y` and the class "class <y[0]>".
 */
export function scriptedBenchmark(): SessionBenchmark {
  const feeds = (input: WorkloadInput): Record<string, TensorData> => {
    if (input.kind !== 'speech') throw new Error('The scripted benchmark takes speech');
    return { [SCRIPTED_INPUT_NAME]: float32Tensor(input.samples16k, [input.samples16k.length]) };
  };
  return {
    runs: 'session',
    input: async () => ({ kind: 'speech', samples16k: Float32Array.of(0.25, 0.5) }),
    workload: async (_model, runner, input) => ({
      inputDescription: SCRIPTED_INPUT_DESCRIPTION,
      runOnce: async () => {
        await runner.run(feeds(input));
      },
      referenceOutputs: async () => {
        const output = expectFloat32(await runner.run(feeds(input)), SCRIPTED_OUTPUT_NAME);
        return {
          tensors: { [SCRIPTED_OUTPUT_NAME]: output.data },
          task: { kind: 'class', label: `class ${output.data[0]}` },
        };
      },
    }),
    feedShapes: () => [[SCRIPTED_INPUT_NAME, 'float32', [2]]],
    compareOutputs: (reference, candidate) => ({
      text: 'scripted comparison',
      agrees: JSON.stringify(reference) === JSON.stringify(candidate),
    }),
  };
}

/** Every backend available, with changes a test names; no WebGPU adapter unless given. */
export function testCapabilities(
  backends: Partial<Record<BackendId, BackendStatus>> = {},
  webgpuAdapter?: WebGpuAdapterSummary,
): Capabilities {
  return {
    userAgent: 'scripted',
    hardwareConcurrency: 4,
    crossOriginIsolated: true,
    wasmSimd: true,
    wasmJspi: true,
    maxWasmThreads: 4,
    backends: {
      wasm: { available: true },
      webgpu: { available: true },
      webnn: { available: true },
      ...backends,
    },
    ...(webgpuAdapter ? { webgpuAdapter } : {}),
  };
}

export function softwareAdapter(): WebGpuAdapterSummary {
  return {
    vendor: 'google',
    architecture: 'swiftshader',
    device: '',
    description: 'SwiftShader',
    isFallbackAdapter: true,
    software: true,
    features: [],
  };
}
