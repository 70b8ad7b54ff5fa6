// Names for the ways a model can be run in a benchmark: `wasm-1t`, `wasm-4t` (wasm with that many
// threads), `wasm` (wasm with all the threads the page can use), `webgpu`, `webnn`. WebGPU and WebNN
// cells run with the page's full wasm thread count for whatever falls back to the CPU. A suffix
// `@<build>` asks the runtime for one of its builds (`wasm-2t@jsep`, `webgpu@jspi`), so builds can be
// compared side by side; the runtime checks the name and says which builds exist. Session options
// follow, each after `~` as key=value (`wasm-1t~opt=basic`, `wasm-2t@jsep~arena=on~mempattern=on`), so
// they become benchmark dimensions too. Only their spelling is checked here; which keys and values exist
// is the runtime's to say, when it creates the session (an unknown one fails that cell, not the run).
// The id is kept exactly as written, so a record's ids read the same as the list that asked for them.

import { SESSION_OPTION_KEY_PATTERN, SESSION_OPTION_VALUE_PATTERN } from '../core/backend-config';
import { isBackendId } from '../core/backends';
import type { BackendConfig } from './run-record';

const WASM_ID = /^wasm-(\d+)t$/;
const BUILD_SUFFIX = /^(.*)@([a-z0-9-]+)$/;
const OPTION_KEY = new RegExp(SESSION_OPTION_KEY_PATTERN);
const OPTION_VALUE = new RegExp(SESSION_OPTION_VALUE_PATTERN);

/** The `~key=value` parts of an id, in a fresh record; throws naming the part that is misspelt. */
function sessionOptions(id: string, parts: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const part of parts) {
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? '' : part.slice(equals + 1);
    if (!OPTION_KEY.test(key) || !OPTION_VALUE.test(value)) {
      throw new Error(
        `"${id}": session option "~${part}" must be written ~key=value, the key of lower-case letters, ` +
          'digits and hyphens, the value not empty and without "~", "," or spaces (e.g. wasm-1t~opt=basic).',
      );
    }
    if (Object.hasOwn(options, key)) throw new Error(`"${id}": session option "${key}" is given twice.`);
    options[key] = value;
  }
  return options;
}

export function backendConfigFromId(id: string, defaultThreads: number): BackendConfig {
  const [head = '', ...optionParts] = id.split('~');
  const suffixed = BUILD_SUFFIX.exec(head);
  const base = suffixed?.[1] ?? head;
  const build = suffixed ? { build: suffixed[2] ?? '' } : {};
  const options = () => (optionParts.length > 0 ? { options: sessionOptions(id, optionParts) } : {});
  const wasm = WASM_ID.exec(base);
  if (wasm) {
    const threads = Number(wasm[1]);
    if (threads < 1 || threads > 64) throw new Error(`"${id}": wasm thread count must be 1 to 64`);
    return { id, backend: 'wasm', threads, ...build, ...options() };
  }
  if (isBackendId(base)) return { id, backend: base, threads: defaultThreads, ...build, ...options() };
  throw new Error(
    `Unknown backend "${id}". Use wasm, wasm-1t, wasm-<N>t, webgpu or webnn, optionally with @<build> (e.g. wasm-2t@jsep) and ~key=value session options (e.g. wasm-1t~opt=basic).`,
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
