// Names for the ways a model can be run in a benchmark: `wasm-1t`, `wasm-4t` (wasm with that many
// threads), `wasm` (wasm with all the threads the page can use), `webgpu`, `webnn`. WebGPU and WebNN
// cells run with the page's full wasm thread count for whatever falls back to the CPU. A suffix
// `@<build>` asks the runtime for one of its builds (`wasm-2t@jsep`, `webgpu@jspi`), so builds can be
// compared side by side; the runtime checks the name and says which builds exist.

import { isBackendId } from '../core/backends';
import type { BackendConfig } from './run-record';

const WASM_ID = /^wasm-(\d+)t$/;
const BUILD_SUFFIX = /^(.*)@([a-z0-9-]+)$/;

export function backendConfigFromId(id: string, defaultThreads: number): BackendConfig {
  const suffixed = BUILD_SUFFIX.exec(id);
  const base = suffixed?.[1] ?? id;
  const build = suffixed ? { build: suffixed[2] ?? '' } : {};
  const wasm = WASM_ID.exec(base);
  if (wasm) {
    const threads = Number(wasm[1]);
    if (threads < 1 || threads > 64) throw new Error(`"${id}": wasm thread count must be 1 to 64`);
    return { id, backend: 'wasm', threads, ...build };
  }
  if (isBackendId(base)) return { id, backend: base, threads: defaultThreads, ...build };
  throw new Error(
    `Unknown backend "${id}". Use wasm, wasm-1t, wasm-<N>t, webgpu or webnn, optionally with @<build> (e.g. wasm-2t@jsep).`,
  );
}

/** The configurations offered by default: wasm on one thread and on all threads, WebGPU, WebNN. */
export function defaultBackendConfigIds(maxThreads: number): string[] {
  const wasm = maxThreads > 1 ? ['wasm-1t', `wasm-${maxThreads}t`] : ['wasm-1t'];
  return [...wasm, 'webgpu', 'webnn'];
}

/** Runs wasm first (fewest threads first), so the wasm reference exists before other backends compare to it. */
export function orderForRun(configs: readonly BackendConfig[]): BackendConfig[] {
  const rank = (config: BackendConfig) => (config.backend === 'wasm' ? config.threads : 1000);
  return [...configs].sort((a, b) => rank(a) - rank(b));
}
