// Saved runs side by side: per cell, the median of each side, their ratio with its 95% interval and the
// verdict (see src/bench/significance.ts), and every difference between the two setups, those that make
// the numbers mean something else marked as not comparable. Each side may pool several saved runs of one
// setup, and the verdict then uses the spread between them.
import { useMemo } from 'react';
import { compareRuns } from '../../bench/compare-runs';
import { differenceLines } from '../../bench/report-markdown';
import type { BenchmarkRun } from '../../bench/run-record';
import { setupDifferencesAcross } from '../../bench/setup-differences';
import { intervalText } from '../../bench/significance';
import { ms } from './format';

const runsText = (runs: readonly BenchmarkRun[]) => {
  const [first] = runs;
  const pooled = runs.length > 1 ? ` and ${runs.length - 1} more saved run(s) of the same setup` : '';
  return `${first?.label ?? ''} (${first?.startedAt ?? ''})${pooled}`;
};

export function RunComparison({
  baselines,
  candidates,
}: {
  baselines: readonly BenchmarkRun[];
  candidates: readonly BenchmarkRun[];
}) {
  const rows = useMemo(() => compareRuns(baselines, candidates), [baselines, candidates]);
  const differences = useMemo(() => setupDifferencesAcross(baselines, candidates), [baselines, candidates]);
  const refused = differences.some((difference) => difference.severity === 'refuse');
  return (
    <>
      {differences.length > 0 && (
        <div className={refused ? 'notice disagrees' : 'notice'} data-testid="setup-differences">
          <p>
            {refused
              ? 'These runs did not measure the same thing; their ratios are shown but are not comparable:'
              : 'The setups differ:'}
          </p>
          <ul>
            {differenceLines(differences).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="bench-table" data-testid="run-comparison">
        <caption>
          {runsText(candidates)} against {runsText(baselines)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Backend</th>
            <th scope="col">Baseline median</th>
            <th scope="col">Candidate median</th>
            <th scope="col">Ratio</th>
            <th scope="col">Interval</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.modelId}-${row.backendConfigId}`}
              data-verdict={row.verdict}
              data-testid="comparison-row"
            >
              <th scope="row">{row.modelId}</th>
              <td>{row.backendConfigId}</td>
              <td>{ms(row.baselineMedianMs)}</td>
              <td>{ms(row.candidateMedianMs)}</td>
              <td data-testid="comparison-ratio">
                {row.ratio === undefined ? '–' : `${row.ratio.toFixed(3)}×`}
              </td>
              <td data-testid="comparison-interval">{row.interval ? intervalText(row.interval) : '–'}</td>
              <td
                className={row.verdict === 'slower' ? 'disagrees' : row.verdict === 'faster' ? 'agrees' : ''}
              >
                {row.verdict}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
