// Feature detection for every backend, computed once per worker and frozen: whether wasm threads,
// SIMD, WebGPU (and which adapter) and WebNN are usable here, and if not, why — in words a person
// can act on. Runs in the worker, where inference runs, so it sees exactly what ORT will see.

import type { BackendId } from '../core/backends';
import { errorMessage } from '../core/errors';

export interface BackendStatus {
  readonly available: boolean;
  /** Why the backend cannot be used; set when `available` is false. */
  readonly reason?: string;
}

export interface WebGpuAdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
  /** True for CPU emulations (SwiftShader, llvmpipe): numbers from them say nothing about a real GPU. */
  readonly software: boolean;
  readonly features: readonly string[];
}

export interface Capabilities {
  readonly userAgent: string;
  readonly hardwareConcurrency: number;
  readonly crossOriginIsolated: boolean;
  readonly wasmSimd: boolean;
  /** JavaScript Promise Integration (WebAssembly.Suspending), which ORT's fastest CPU build needs. */
  readonly wasmJspi: boolean;
  /** Largest wasm thread count that works here (1 when not cross-origin isolated). */
  readonly maxWasmThreads: number;
  readonly backends: Readonly<Record<BackendId, BackendStatus>>;
  readonly webgpuAdapter?: WebGpuAdapterSummary;
}

// A minimal module using a v128 instruction: validates only where wasm SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

const SOFTWARE_ADAPTER_NAMES = /swiftshader|llvmpipe|software|basic render/i;

interface GpuAdapterLike {
  readonly features: ReadonlySet<string>;
  readonly info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>> & {
    isFallbackAdapter?: boolean;
  };
  readonly isFallbackAdapter?: boolean;
}

interface NavigatorWithAccelerators {
  gpu?: { requestAdapter(options?: object): Promise<GpuAdapterLike | null> };
  ml?: { createContext(options?: object): Promise<unknown> };
}

function summarizeAdapter(adapter: GpuAdapterLike): WebGpuAdapterSummary {
  const info = adapter.info ?? {};
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const names = [info.vendor, info.architecture, info.device, info.description].join(' ');
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter,
    software: isFallbackAdapter || SOFTWARE_ADAPTER_NAMES.test(names),
    features: [...adapter.features].sort(),
  };
}

async function detectWebGpu(nav: NavigatorWithAccelerators): Promise<[BackendStatus, WebGpuAdapterSummary?]> {
  if (!nav.gpu) {
    return [{ available: false, reason: 'This browser has no WebGPU API (navigator.gpu is missing).' }];
  }
  try {
    const adapter = await nav.gpu.requestAdapter();
    if (!adapter) {
      return [
        {
          available: false,
          reason:
            'WebGPU is present but no GPU adapter was granted (GPU blocked, or headless Chromium without --enable-unsafe-webgpu).',
        },
      ];
    }
    return [{ available: true }, summarizeAdapter(adapter)];
  } catch (error) {
    return [{ available: false, reason: `Requesting a WebGPU adapter failed: ${String(error)}` }];
  }
}

async function detectWebNn(nav: NavigatorWithAccelerators): Promise<BackendStatus> {
  if (!nav.ml) {
    return {
      available: false,
      reason:
        'This browser has no WebNN API (navigator.ml is missing). Chrome and Edge offer it behind the "Enables WebNN API" flag.',
    };
  }
  try {
    await nav.ml.createContext({ deviceType: 'cpu' });
    return { available: true };
  } catch (error) {
    const message = errorMessage(error);
    return { available: false, reason: `WebNN refused to create a context: ${message}` };
  }
}

/** Whether wasm can suspend on JavaScript promises (JSPI): Chromium 137 and later. */
function hasJspi(): boolean {
  return typeof (WebAssembly as unknown as Record<string, unknown>).Suspending === 'function';
}

let detected: Promise<Capabilities> | undefined;

/** Detects once per worker; later calls return the same frozen object. */
export function detectCapabilities(): Promise<Capabilities> {
  detected ??= (async () => {
    const nav = globalThis.navigator as Navigator & NavigatorWithAccelerators;
    const isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
    const cores = nav.hardwareConcurrency || 1;
    const wasmSimd = WebAssembly.validate(SIMD_PROBE);
    const [webgpu, webgpuAdapter] = await detectWebGpu(nav);
    const webnn = await detectWebNn(nav);
    const wasm: BackendStatus = wasmSimd
      ? { available: true }
      : { available: false, reason: 'This browser lacks WebAssembly SIMD, which ONNX Runtime Web requires.' };
    return Object.freeze({
      userAgent: nav.userAgent,
      hardwareConcurrency: cores,
      crossOriginIsolated: isolated,
      wasmSimd,
      wasmJspi: hasJspi(),
      maxWasmThreads: isolated ? cores : 1,
      backends: Object.freeze({ wasm, webgpu, webnn }),
      ...(webgpuAdapter ? { webgpuAdapter: Object.freeze(webgpuAdapter) } : {}),
    });
  })();
  return detected;
}
