// How often the documented CI gate fails a build that did not change: it records a baseline with
// `npm run bench` on this machine, then runs the same gate (same models, backends, counts, --repeat and
// --threshold, --baseline on that recording) N times against it and prints the false-alarm rate. For
// contrast it also prints what a gate on one run per side (within-run scatter only) would have said on the
// same recordings, from their first repeats. A benchmark that prints a number, not a test:
// `npm run bench:false-alarm -- --trials 5 --repeat 3 --models ppocr-mobile-v2-cls,silero-vad-v5 --backends wasm-1t`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareRuns, regressions } from '../src/bench/compare-runs';
import { validateRunRecord } from '../src/bench/record-schema';
import { intervalText } from '../src/bench/significance';
import { EXIT_CODES } from './bench/gate';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '5' },
    repeat: { type: 'string', default: '3' },
    models: { type: 'string', default: 'ppocr-mobile-v2-cls,silero-vad-v5' },
    backends: { type: 'string', default: 'wasm-1t' },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    threshold: { type: 'string', default: '10' },
    out: { type: 'string', default: 'bench-false-alarm' },
  },
});
const trials = Number(args.trials);
const threshold = Number(args.threshold);
const common = [
  '--models',
  args.models,
  '--backends',
  args.backends,
  '--runs',
  args.runs,
  '--warmup',
  args.warmup,
];
const settings = `${common.join(' ')} --repeat ${args.repeat} --threshold ${args.threshold}`;

/** One `npm run bench` (through tsx, so no npm banner), its output kept in a log beside its results. */
function bench(name: string, extra: readonly string[]): number {
  const out = join(args.out, name);
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench.ts', ...common, '--repeat', args.repeat, '--out', out, ...extra],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  writeFileSync(join(out, 'bench.log'), `${result.stdout}\n${result.stderr}`);
  const code = result.status ?? -1;
  const gateLines = result.stdout
    .split('\n')
    .filter((line) => /^(REGRESSION|GATED CELL|SETUP|No significant|Not comparable)/.test(line));
  console.log(
    `${name}: exit ${code} in ${((Date.now() - started) / 1000).toFixed(0)} s${gateLines.length ? `\n  ${gateLines.join('\n  ')}` : ''}`,
  );
  return code;
}

const repeats = (name: string) =>
  Array.from({ length: Number(args.repeat) }, (_, index) =>
    validateRunRecord(JSON.parse(readFileSync(join(args.out, name, `run-${index + 1}.json`), 'utf8'))),
  );

/** Each cell's ratio and interval as the gate saw them, so the width (what the gate could detect) shows too. */
function printIntervals(name: string): void {
  for (const row of compareRuns(repeats('baseline'), repeats(name))) {
    const interval = row.interval ? intervalText(row.interval) : 'no interval';
    console.log(`  ${row.modelId} on ${row.backendConfigId}: ${row.ratio?.toFixed(2) ?? '–'}× (${interval})`);
  }
}

console.log(`False-alarm rate of the CI gate: ${settings}, ${trials} trials against one baseline.`);
const baselineCode = bench('baseline', []);
if (baselineCode !== EXIT_CODES.pass) {
  console.error(`The baseline run failed (exit ${baselineCode}); see ${args.out}/baseline/bench.log.`);
  process.exit(1);
}
const codes: number[] = [];
let singleRunAlarms = 0;
for (let trial = 1; trial <= trials; trial++) {
  const name = `trial-${trial}`;
  codes.push(bench(name, ['--baseline', join(args.out, 'baseline'), '--threshold', args.threshold]));
  if (Number(args.repeat) > 1) {
    printIntervals(name);
    const [baselineFirst, trialFirst] = [repeats('baseline')[0], repeats(name)[0]];
    if (baselineFirst && trialFirst) {
      const single = compareRuns(baselineFirst, trialFirst);
      if (regressions(single, threshold).length > 0) singleRunAlarms++;
    }
  }
}
const alarms = codes.filter((code) => code === EXIT_CODES.regression).length;
const otherFailures = codes.filter((code) => code !== EXIT_CODES.pass && code !== EXIT_CODES.regression);
console.log(
  `\nFalse alarms (exit ${EXIT_CODES.regression}): ${alarms} of ${trials} (${((alarms / trials) * 100).toFixed(0)}%) with ${settings}` +
    (otherFailures.length ? `; other failures: exit ${otherFailures.join(', ')}` : ''),
);
if (Number(args.repeat) > 1) {
  console.log(
    `A gate on one run per side (the first repeats, within-run scatter only) would have failed ${singleRunAlarms} of ${trials}.`,
  );
}
