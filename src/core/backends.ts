// The execution backends a model can run on, with the words the UI and reports use for them.

export const BACKEND_IDS = ['wasm', 'webgpu', 'webnn'] as const;

export type BackendId = (typeof BACKEND_IDS)[number];

export const BACKEND_LABELS: Readonly<Record<BackendId, string>> = {
  wasm: 'WASM (CPU)',
  webgpu: 'WebGPU',
  webnn: 'WebNN',
};

export function isBackendId(value: string): value is BackendId {
  return (BACKEND_IDS as readonly string[]).includes(value);
}
