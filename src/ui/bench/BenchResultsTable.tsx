// One row per cell: phases, statistics, agreement with the wasm reference, and a details panel with
// where the work went (node placement, operator profile) and memory.
import {
  accuracyText,
  medianIntervalText,
  memoryText,
  timerText,
  unitsPerSecondText,
} from '../../bench/report-markdown';
import type { BenchCell } from '../../bench/run-record';
import { megabytes, ms, scientific } from './format';

/** The cell's accuracy on its task's evaluation set, its difference from fp32 and the set in words. */
function AccuracyCell({ cell }: { cell: BenchCell }) {
  const { evaluation } = cell;
  if (!evaluation) return <td>–</td>;
  return (
    <td data-testid="accuracy" title={evaluation.error}>
      {accuracyText(cell)}
      {evaluation.deltaPoints !== undefined && (
        <>
          {' '}
          <strong>
            ({evaluation.deltaPoints >= 0 ? '+' : '−'}
            {Math.abs(evaluation.deltaPoints).toFixed(2)} pt)
          </strong>
        </>
      )}
      <br />
      <small>
        {evaluation.set ?? evaluation.error}
        {evaluation.reference !== undefined && `; vs ${evaluation.reference}`}
      </small>
    </td>
  );
}

function AgreementCell({ cell }: { cell: BenchCell }) {
  if (cell.status !== 'ok') return <td>–</td>;
  const { agreement } = cell;
  if (!agreement) return <td className="reference">reference</td>;
  const worst = Math.max(0, ...agreement.tensors.map((tensor) => tensor.maxAbsDiff));
  const cosine = Math.min(1, ...agreement.tensors.map((tensor) => tensor.cosineSimilarity));
  const nonFinite = agreement.tensors.reduce((sum, tensor) => sum + tensor.nonFiniteCount, 0);
  return (
    <td className={agreement.withinTolerance ? 'agrees' : 'disagrees'} data-testid="agreement">
      {agreement.withinTolerance ? '✓' : '✗'} max |Δ| {scientific(worst)}, cos {cosine.toFixed(5)}
      {nonFinite > 0 && `, ${nonFinite} NaN/Inf`}
      <br />
      <small>{agreement.taskLevel}</small>
    </td>
  );
}

const hasDetails = ({ placement, operatorTimes, memory }: BenchCell) =>
  placement !== undefined || operatorTimes !== undefined || memory !== undefined;

function CellDetails({ cell }: { cell: BenchCell }) {
  const { placement, operatorTimes, memory } = cell;
  // The runtime named its providers in the placement; older records carry only the raw names.
  const labelOf = (provider: string) =>
    placement?.providers.find((entry) => entry.provider === provider)?.label ?? provider;
  return (
    <details>
      <summary>where the work went</summary>
      {placement && (
        <div data-testid="placement">
          <strong>Node placement:</strong>{' '}
          {placement.providers
            .map((provider) => `${labelOf(provider.provider)} ${provider.nodeCount} nodes`)
            .join(' · ')}
          {placement.cpuFallbackNodes > 0 && ` — ${placement.cpuFallbackNodes} fell back to the CPU`}
        </div>
      )}
      {operatorTimes && operatorTimes.length > 0 && (
        <table className="op-times">
          <caption>Operator time over the profiled runs</caption>
          <tbody>
            {operatorTimes.slice(0, 12).map((op) => (
              <tr key={`${op.opType}-${op.provider}`}>
                <th scope="row">{op.opType}</th>
                <td>{labelOf(op.provider)}</td>
                <td>{ms(op.totalMs)} ms</td>
                <td>{op.calls} calls</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {memory && (
        <div data-testid="cell-memory">
          <strong>Memory (MB):</strong> {memoryText(cell)} ({memory.method})
        </div>
      )}
    </details>
  );
}

export function BenchResultsTable({ cells }: { cells: readonly BenchCell[] }) {
  return (
    <div className="table-scroll">
      <table className="bench-table" data-testid="bench-results">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Backend</th>
            <th scope="col">Fetch</th>
            <th scope="col">Session</th>
            <th scope="col">First</th>
            <th scope="col">
              Median
              <br />
              <small>95% CI of median</small>
            </th>
            <th scope="col">Mean ± sd</th>
            <th scope="col">95% CI of mean</th>
            <th scope="col">p90 / p99</th>
            <th scope="col">Min / max</th>
            <th scope="col">Per second</th>
            <th scope="col">Agreement with wasm</th>
            <th scope="col">Accuracy (Δ vs fp32)</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr
              key={`${cell.modelId}-${cell.backendConfig.id}`}
              data-testid={`bench-cell-${cell.modelId}-${cell.backendConfig.id}`}
              data-status={cell.status}
              data-median={cell.stats?.medianMs}
            >
              <th scope="row">
                {cell.modelId}
                <br />
                <small>{cell.inputDescription}</small>
                {cell.timer !== undefined && (
                  <>
                    <br />
                    <small data-testid="cell-timer">{timerText(cell)}</small>
                  </>
                )}
                {cell.pipeline && (
                  <>
                    <br />
                    <small data-testid="cell-pipeline">
                      {cell.pipeline.runtime} pipeline, {cell.pipeline.dtype}
                    </small>
                  </>
                )}
              </th>
              <td>
                {cell.backendConfig.id}
                {cell.runtimeBuild !== undefined && (
                  <>
                    <br />
                    <small data-testid="cell-build">{cell.runtimeBuild} build</small>
                  </>
                )}
                {cell.softwareAdapter && <span className="tag">software adapter</span>}
              </td>
              {cell.status === 'ok' && cell.stats && cell.phases ? (
                <>
                  <td>
                    {ms(cell.phases.fetchMs)}{' '}
                    <small>
                      (
                      {cell.phases.fetchSource ??
                        (cell.pipeline ? `${megabytes(cell.pipeline.bytes)} read` : 'source unknown')}
                      )
                    </small>
                  </td>
                  <td>
                    {ms(cell.phases.createSessionMs)}
                    {(cell.phases.runtimeStartMs ?? 0) > 0 && (
                      <small data-testid="cell-runtime-start">
                        {' '}
                        (after {ms(cell.phases.runtimeStartMs ?? 0)} runtime start)
                      </small>
                    )}
                  </td>
                  <td>{ms(cell.phases.firstInferenceMs)}</td>
                  <td className="median">
                    <span data-testid="median">{ms(cell.stats.medianMs)}</span>
                    <br />
                    <small data-testid="median-ci">{medianIntervalText(cell.stats.medianCi95, ms)}</small>
                  </td>
                  <td>
                    {ms(cell.stats.meanMs)} ± {ms(cell.stats.stdDevMs)}
                  </td>
                  <td>
                    {ms(cell.stats.ci95LowMs)}–{ms(cell.stats.ci95HighMs)}
                  </td>
                  <td>
                    {ms(cell.stats.p90Ms)} / {ms(cell.stats.p99Ms)}
                  </td>
                  <td>
                    {ms(cell.stats.minMs)} / {ms(cell.stats.maxMs)}
                  </td>
                  <td>
                    {cell.stats.throughputPerS.toFixed(1)}
                    {cell.unitsPerRun && (
                      <small data-testid="cell-units-per-s">
                        <br />
                        {unitsPerSecondText(cell)}
                      </small>
                    )}
                  </td>
                  <AgreementCell cell={cell} />
                  <AccuracyCell cell={cell} />
                </>
              ) : (
                <td colSpan={11} className={cell.status === 'failed' ? 'error' : 'reason'}>
                  {cell.status}: {cell.reason}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {cells.map((cell) => (
        <div key={`${cell.modelId}-${cell.backendConfig.id}-details`} className="cell-details">
          {cell.status === 'ok' && hasDetails(cell) && (
            <>
              <strong>
                {cell.modelId} on {cell.backendConfig.id}:
              </strong>{' '}
              <CellDetails cell={cell} />
            </>
          )}
        </div>
      ))}
    </div>
  );
}
