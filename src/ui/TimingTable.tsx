// Per-stage timings and how each model got ready (download, session creation), as one small table.
import type { ModelLoadReport } from '../worker/engine-api';

interface TimingTableProps {
  readonly stages: ReadonlyArray<readonly [string, number]>;
  readonly loads: readonly ModelLoadReport[];
  readonly testId: string;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const SOURCE_WORDS: Readonly<Record<NonNullable<ModelLoadReport['source']>, string>> = {
  memory: 'already in memory',
  'cache-storage': 'from the browser’s model cache',
  indexeddb: 'from the variants saved in this browser',
  'http-cache': 'from the HTTP cache',
  network: 'downloaded',
};

export function TimingTable({ stages, loads, testId }: TimingTableProps) {
  return (
    <div className="timings" data-testid={testId}>
      <table>
        <caption>Time per stage</caption>
        <tbody>
          {stages.map(([name, value]) => (
            <tr key={name} data-stage={name}>
              <th scope="row">{name}</th>
              <td>{ms(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Model loading</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Download + check</th>
            <th scope="col">Session</th>
          </tr>
        </thead>
        <tbody>
          {loads.map((load) => (
            <tr key={load.modelId}>
              <th scope="row">{load.modelId}</th>
              <td>
                {load.reusedSession
                  ? 'already loaded'
                  : `${ms(load.fetchMs)} (${(load.bytes / 1e6).toFixed(1)} MB${load.source ? `, ${SOURCE_WORDS[load.source]}` : ''})`}
              </td>
              <td>{load.reusedSession ? 'reused' : ms(load.createMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
