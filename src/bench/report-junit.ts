// One benchmark run as JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins) turn
// into a test report: each cell is a test case that fails when the cell failed, when its outputs disagree
// with the reference, or when it regressed past the threshold against a baseline.

import { sum } from 'simple-statistics';
import { regressions, type CellComparison } from './compare-runs';
import { intervalText } from './significance';
import { DEFAULT_THRESHOLD_PCT, comparisonRowFor, maxAbsDiff } from './report-markdown';
import type { BenchmarkRun, CellStatus, OutputAgreement } from './run-record';

export interface JunitReportOptions {
  /** compareRuns(baseline, run): a cell in regressions(comparison, thresholdPct) fails. */
  readonly comparison?: readonly CellComparison[];
  /** DEFAULT_THRESHOLD_PCT when absent. */
  readonly thresholdPct?: number;
}

/** A skipped case has its reason; any other case its failure reasons, none when it passed. */
type Outcome = { readonly skipped: string } | { readonly failures: readonly string[] };

type TestCase = { readonly classname: string; readonly name: string; readonly timeS: number } & Outcome;

/**
 * Characters XML 1.0 does not allow at all, not even as character references: C0 controls other than
 * tab, line feed and carriage return, U+FFFE, U+FFFF and unpaired surrogates.
 */
const FORBIDDEN_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text safe in XML content and in attribute values: markup characters as entities, tab and line breaks
 * as character references (so attribute values keep them), forbidden characters as visible `\uXXXX`.
 */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN_XML_CHARS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"'\t\n\r]/g, (char) => XML_ENTITIES[char] ?? char);
}

const seconds = (samplesMs: readonly number[]): number => sum(samplesMs) / 1000;

function outcome(status: CellStatus, reason: string | undefined, failures: readonly string[]): Outcome {
  if (status === 'skipped') return { skipped: reason ?? 'skipped' };
  return {
    failures: status === 'failed' ? [`failed: ${reason ?? 'no reason recorded'}`, ...failures] : failures,
  };
}

function disagreement(agreement: OutputAgreement | undefined): string[] {
  if (!agreement || agreement.withinTolerance) return [];
  const diff = maxAbsDiff(agreement);
  const size = diff === undefined ? '' : `max |Δ| ${diff} (tolerance ${agreement.tolerance}), `;
  return [`outputs disagree with ${agreement.referenceBackendId}: ${size}task level: ${agreement.taskLevel}`];
}

function regression(row: CellComparison | undefined, thresholdPct: number): string[] {
  if (!row) return [];
  const slowerPct = ((row.ratio ?? NaN) - 1) * 100;
  const medians = `${row.baselineMedianMs?.toFixed(2)} → ${row.candidateMedianMs?.toFixed(2)} ms`;
  return [
    `${slowerPct.toFixed(1)}% slower than the baseline (median ${medians}${row.interval ? `, ${intervalText(row.interval)}` : ''}), ` +
      `past the ${thresholdPct}% threshold`,
  ];
}

function benchCases(run: BenchmarkRun, options: JunitReportOptions): TestCase[] {
  const thresholdPct = options.thresholdPct ?? DEFAULT_THRESHOLD_PCT;
  const regressed = regressions(options.comparison ?? [], thresholdPct);
  return run.cells.map((cell) => ({
    classname: cell.modelId,
    name: cell.backendConfig.id,
    timeS: seconds(cell.samplesMs),
    ...outcome(cell.status, cell.reason, [
      ...disagreement(cell.agreement),
      ...regression(comparisonRowFor(regressed, cell), thresholdPct),
    ]),
  }));
}

function nativeCases(run: BenchmarkRun): TestCase[] {
  const native = run.native;
  if (!native) return [];
  return native.cells.map((cell) => ({
    classname: `native.${cell.modelId}`,
    name: `${native.runtime}, ${cell.threads} thread${cell.threads === 1 ? '' : 's'}`,
    timeS: seconds(cell.samplesMs),
    ...outcome(cell.status, cell.reason, disagreement(cell.agreement)),
  }));
}

function testCaseXml(testCase: TestCase): string {
  const open = `    <testcase classname="${escapeXml(testCase.classname)}" name="${escapeXml(testCase.name)}" time="${testCase.timeS.toFixed(3)}"`;
  if ('skipped' in testCase) {
    return `${open}>\n      <skipped message="${escapeXml(testCase.skipped)}"/>\n    </testcase>`;
  }
  if (testCase.failures.length > 0) {
    const message = escapeXml(testCase.failures.join('; '));
    const body = escapeXml(testCase.failures.join('\n'));
    return `${open}>\n      <failure message="${message}">${body}</failure>\n    </testcase>`;
  }
  return `${open}/>`;
}

/**
 * JUnit XML: one test suite, one test case per cell (classname = model id, name = backend config id,
 * time = the sum of its samples) and one per native cell (classname `native.<model id>`).
 */
export function junitXml(run: BenchmarkRun, options: JunitReportOptions = {}): string {
  const cases = [...benchCases(run, options), ...nativeCases(run)];
  const counts =
    `tests="${cases.length}" ` +
    `failures="${cases.filter((c) => 'failures' in c && c.failures.length > 0).length}" ` +
    `errors="0" skipped="${cases.filter((c) => 'skipped' in c).length}" ` +
    `time="${sum(cases.map((c) => c.timeS)).toFixed(3)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="on-device-lab" ${counts}>`,
    `  <testsuite name="on-device-lab benchmark" ${counts} timestamp="${escapeXml(run.startedAt)}">`,
    ...cases.map(testCaseXml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
