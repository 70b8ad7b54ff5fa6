// A labelled choice of one model among a task's: the built-in ones and the variants the optimizer made
// of them (marked as such), so every task view offers variants the same way.
import type { ModelRecord } from '../catalog/model-record';

interface ModelSelectProps {
  readonly label: string;
  readonly models: readonly ModelRecord[];
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly disabled: boolean;
  readonly testId: string;
}

export function ModelSelect({ label, models, value, onChange, disabled, testId }: ModelSelectProps) {
  // A model the catalog does not list (yet, or any more) stays selectable, so the choice is visible.
  const listed = models.some((model) => model.id === value) ? models : [...models, undefined];
  return (
    <label>
      {label}{' '}
      <select
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
        disabled={disabled}
      >
        {listed.map((model) =>
          model ? (
            <option key={model.id} value={model.id}>
              {model.variant ? `${model.displayName} — variant` : model.displayName}
            </option>
          ) : (
            <option key={value} value={value}>
              {value} (not in the catalog)
            </option>
          ),
        )}
      </select>
    </label>
  );
}
