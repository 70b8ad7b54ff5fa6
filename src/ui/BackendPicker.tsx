// Backend and thread-count choice shared by every task. Unavailable backends stay listed, disabled,
// with the reason in plain words, so choosing one is impossible and explained rather than a crash.
import { BACKEND_IDS, BACKEND_LABELS, type BackendId } from '../core/backends';
import type { Capabilities } from '../runtimes/capabilities';

interface BackendPickerProps {
  readonly capabilities?: Capabilities;
  readonly backend: BackendId;
  readonly threads: number;
  readonly disabled: boolean;
  readonly onBackend: (backend: BackendId) => void;
  readonly onThreads: (threads: number) => void;
}

export function BackendPicker({
  capabilities,
  backend,
  threads,
  disabled,
  onBackend,
  onThreads,
}: BackendPickerProps) {
  const maxThreads = capabilities?.maxWasmThreads ?? 1;
  const threadChoices = Array.from({ length: Math.max(maxThreads, threads) }, (_, index) => index + 1);
  return (
    <fieldset className="backend-picker" data-testid="backend-picker" disabled={disabled}>
      <legend>Backend</legend>
      {BACKEND_IDS.map((id) => {
        const status = capabilities?.backends[id];
        const unavailable = status !== undefined && !status.available;
        const software = id === 'webgpu' && capabilities?.webgpuAdapter?.software;
        return (
          <div
            key={id}
            className="backend-option"
            data-testid={`backend-${id}`}
            data-available={String(!unavailable)}
          >
            <label>
              <input
                type="radio"
                name="backend"
                value={id}
                checked={backend === id}
                disabled={!status || unavailable}
                onChange={() => onBackend(id)}
              />
              {BACKEND_LABELS[id]}
              {software && <span className="tag">software adapter</span>}
            </label>
            {unavailable && (
              <p className="reason" data-testid={`backend-${id}-reason`}>
                Unavailable: {status.reason}
              </p>
            )}
          </div>
        );
      })}
      <label className="threads">
        WASM threads{' '}
        <select
          value={threads}
          data-testid="threads-select"
          onChange={(event) => onThreads(Number(event.target.value))}
          disabled={disabled || maxThreads <= 1}
        >
          {threadChoices.map((count) => (
            <option key={count} value={count}>
              {count}
            </option>
          ))}
        </select>
        {capabilities && !capabilities.crossOriginIsolated && (
          <small> (1 only: the page is not cross-origin isolated, so wasm threads are off)</small>
        )}
      </label>
    </fieldset>
  );
}
