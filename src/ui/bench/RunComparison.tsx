// Two saved runs side by side: per cell, the median of each, their ratio, and whether the difference
// is statistically significant (Welch's t-test on the raw samples).
import { useMemo } from 'react';
import { compareRuns } from '../../bench/compare-runs';
import type { BenchmarkRun } from '../../bench/run-record';
import { ms } from './format';

export function RunComparison({ baseline, candidate }: { baseline: BenchmarkRun; candidate: BenchmarkRun }) {
  const rows = useMemo(() => compareRuns(baseline, candidate), [baseline, candidate]);
  return (
    <table className="bench-table" data-testid="run-comparison">
      <caption>
        {candidate.label} ({candidate.startedAt}) against {baseline.label} ({baseline.startedAt})
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Backend</th>
          <th scope="col">Baseline median</th>
          <th scope="col">Candidate median</th>
          <th scope="col">Ratio</th>
          <th scope="col">p-value</th>
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
            <td>{row.pValue === undefined || Number.isNaN(row.pValue) ? '–' : row.pValue.toPrecision(2)}</td>
            <td className={row.verdict === 'slower' ? 'disagrees' : row.verdict === 'faster' ? 'agrees' : ''}>
              {row.verdict}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
