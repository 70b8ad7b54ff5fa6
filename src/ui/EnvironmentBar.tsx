// One line that says where inference is running: backend in use, wasm threads, cross-origin
// isolation and the GPU adapter, so every number on the page can be read in context.
import { BACKEND_LABELS, type BackendId } from '../core/backends';
import type { EngineState } from './useEngine';

export function EnvironmentBar({ engine, backend }: { engine: EngineState; backend: BackendId }) {
  const { capabilities, runtime, error } = engine;
  if (error)
    return (
      <div className="env-bar error" role="alert">
        {error}
      </div>
    );
  if (!capabilities || !runtime) return <div className="env-bar">Starting the inference worker…</div>;
  const adapter = capabilities.webgpuAdapter;
  return (
    <dl className="env-bar" data-testid="env-bar">
      <div>
        <dt>Backend in use</dt>
        <dd data-testid="env-backend">
          {BACKEND_LABELS[backend]}
          {backend === 'webgpu' && adapter?.software ? ' (software adapter)' : ''}
        </dd>
      </div>
      <div>
        <dt>WASM threads</dt>
        <dd data-testid="env-threads">{runtime.threads}</dd>
      </div>
      <div>
        <dt>Cross-origin isolated</dt>
        <dd data-testid="env-isolated">{runtime.crossOriginIsolated ? 'yes' : 'no'}</dd>
      </div>
      <div>
        <dt>GPU adapter</dt>
        <dd data-testid="env-adapter">
          {adapter
            ? `${adapter.vendor || 'unknown vendor'} ${adapter.architecture || adapter.description}`.trim() +
              (adapter.software ? ' — software (CPU emulation), GPU numbers are not representative' : '')
            : 'none'}
        </dd>
      </div>
      <div>
        <dt>Runtime</dt>
        <dd>
          {runtime.runtime} {runtime.runtimeVersion}
        </dd>
      </div>
    </dl>
  );
}
