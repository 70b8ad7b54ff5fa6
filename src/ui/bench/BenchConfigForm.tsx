// What to benchmark: models, backend configurations (unavailable ones listed with the reason),
// warm-up and run counts, an optional time budget, and whether to profile and measure memory.
import { backendConfigFromId } from '../../bench/backend-configs';
import type { Capabilities } from '../../runtimes/capabilities';
import type { BenchSubject } from '../../catalog/bench-subject';
import type { BenchUrlSettings } from './bench-url';

export type BenchFormSettings = Omit<BenchUrlSettings, 'autostart' | 'backendConfigIds'> & {
  readonly backendConfigIds: readonly string[];
};

interface BenchConfigFormProps {
  readonly capabilities: Capabilities;
  /** The models (in each of their dtypes) the benchmark can run. */
  readonly subjects: readonly BenchSubject[];
  readonly offeredBackendIds: readonly string[];
  readonly settings: BenchFormSettings;
  readonly disabled: boolean;
  readonly onChange: (settings: BenchFormSettings) => void;
}

/** Why a backend configuration cannot run here, or undefined when it can. */
export function unavailableReason(id: string, capabilities: Capabilities): string | undefined {
  const config = backendConfigFromId(id, capabilities.maxWasmThreads);
  const status = capabilities.backends[config.backend];
  if (!status.available) return status.reason;
  if (config.backend === 'wasm' && config.threads > capabilities.maxWasmThreads) {
    return `only ${capabilities.maxWasmThreads} wasm thread(s) can run here`;
  }
  return undefined;
}

const toggle = (items: readonly string[], item: string, on: boolean) =>
  on ? [...items, item] : items.filter((existing) => existing !== item);

export function BenchConfigForm({
  capabilities,
  subjects,
  offeredBackendIds,
  settings,
  disabled,
  onChange,
}: BenchConfigFormProps) {
  const numberField = (key: 'warmupRuns' | 'runs' | 'detectionSizePx', label: string, min: number) => (
    <label>
      {label}{' '}
      <input
        type="number"
        min={min}
        value={settings[key]}
        data-testid={`bench-${key}`}
        onChange={(event) =>
          onChange({ ...settings, [key]: Math.max(min, Number(event.target.value) || min) })
        }
      />
    </label>
  );
  return (
    <fieldset className="bench-config" disabled={disabled} data-testid="bench-config">
      <legend>What to run</legend>
      <div className="bench-choices">
        <div>
          <h3>Models</h3>
          {subjects.map((subject) => (
            <label key={subject.id} className="choice">
              <input
                type="checkbox"
                checked={settings.modelIds.includes(subject.id)}
                onChange={(event) =>
                  onChange({
                    ...settings,
                    modelIds: toggle(settings.modelIds, subject.id, event.target.checked),
                  })
                }
                data-testid={`bench-model-${subject.id}`}
              />
              {subject.model.displayName}
              {subject.dtype !== undefined && <span className="tag">{subject.dtype}</span>}
            </label>
          ))}
        </div>
        <div>
          <h3>Backends</h3>
          {offeredBackendIds.map((id) => {
            const reason = unavailableReason(id, capabilities);
            return (
              <div
                key={id}
                className="choice"
                data-testid={`bench-backend-${id}`}
                data-available={String(!reason)}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={!reason && settings.backendConfigIds.includes(id)}
                    disabled={!!reason}
                    onChange={(event) =>
                      onChange({
                        ...settings,
                        backendConfigIds: toggle(settings.backendConfigIds, id, event.target.checked),
                      })
                    }
                  />
                  {id}
                  {id === 'webgpu' && capabilities.webgpuAdapter?.software && (
                    <span className="tag">software adapter</span>
                  )}
                </label>
                {reason && <p className="reason">Unavailable: {reason}</p>}
              </div>
            );
          })}
        </div>
        <div className="bench-numbers">
          <h3>Runs</h3>
          {numberField('warmupRuns', 'Warm-up runs', 0)}
          {numberField('runs', 'Measured runs', 1)}
          {numberField('detectionSizePx', 'OCR detection input (px, longer side)', 32)}
          <label>
            Time budget per cell (ms, optional){' '}
            <input
              type="number"
              min={1}
              value={settings.timeBudgetMs ?? ''}
              placeholder="none"
              data-testid="bench-budget"
              onChange={(event) => {
                const value = Number(event.target.value);
                const { timeBudgetMs, ...rest } = settings;
                onChange(value > 0 ? { ...rest, timeBudgetMs: value } : rest);
              }}
            />
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={settings.profileOperators}
              onChange={(event) => onChange({ ...settings, profileOperators: event.target.checked })}
            />
            Node placement and operator profile (a second, untimed session per cell)
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={settings.measureMemory}
              onChange={(event) => onChange({ ...settings, measureMemory: event.target.checked })}
            />
            Measure memory (the browser may take 20 s or more per reading)
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={settings.evaluate}
              onChange={(event) => onChange({ ...settings, evaluate: event.target.checked })}
            />
            Accuracy on the task&apos;s evaluation set (untimed, after the measured runs; a few seconds per
            cell)
          </label>
        </div>
      </div>
    </fieldset>
  );
}
