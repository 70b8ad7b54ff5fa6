// The headless runner (`npm run bench`) as CI uses it: real app, real Chromium, tiny counts. Checks the
// output files and their schema, browser-vs-native parity, the baseline gate's exit codes, a remote
// browser through --browser-ws, and the errors a person meets (unknown model, port in use, no browser,
// a cell past its timeout).
import Ajv from 'ajv';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { BenchmarkRun } from '../src/bench/run-record';
import { CHROMIUM_ARGS, chromiumExecutable } from './support/chromium';
import { expect, test } from './support/lab';

test.describe.configure({ timeout: 600_000 });

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'scripts/bench.ts', '--no-build', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const schema = JSON.parse(
  readFileSync(new URL('../schemas/benchmark-run.schema.json', import.meta.url), 'utf8'),
) as object;
const outDir = () => mkdtempSync(join(tmpdir(), 'odl-bench-'));
const readRun = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as BenchmarkRun;
const TWO_MODELS = [
  '--models',
  'silero-vad-v5,ppocr-v4-rec',
  '--backends',
  'wasm-1t',
  '--runs',
  '8',
  '--warmup',
  '1',
];

test('two models with a native reference: files, schema, parity, and the baseline gate', async () => {
  const out = outDir();
  const first = await runCli([...TWO_MODELS, '--native', '--out', out]);
  console.log(first.stdout);
  expect(first.code, first.stderr).toBe(0);
  for (const file of ['run.json', 'run.csv', 'summary.md', 'junit.xml'])
    expect(existsSync(join(out, file)), file).toBe(true);
  expect(first.stdout).toMatch(/\[1\/2\] silero-vad-v5 on wasm-1t: median/);

  const run = readRun(out);
  const validate = new Ajv({ allErrors: true }).compile(schema);
  expect(validate(run), JSON.stringify(validate.errors)).toBe(true);
  expect(readFileSync(join(out, 'run.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(run.cells.length + 1);
  expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<testsuite');

  const native = run.native;
  expect(native?.runtime).toMatch(/^onnxruntime-node /);
  for (const id of ['silero-vad-v5', 'ppocr-v4-rec']) {
    const cell = native?.cells.find((candidate) => candidate.modelId === id);
    expect(cell?.status, cell?.reason).toBe('ok');
    console.log(
      `${id}: browser/native ${cell?.agreement?.taskLevel}, max |Δ| ${cell?.agreement?.tensors[0]?.maxAbsDiff}`,
    );
    expect(cell?.agreement?.withinTolerance).toBe(true);
    const browser = run.cells.find((candidate) => candidate.modelId === id);
    console.log(
      `${id}: browser(wasm) / native median = ${((browser?.stats?.medianMs ?? 0) / (cell?.stats?.medianMs ?? 1)).toFixed(2)}`,
    );
  }

  // A baseline twice as fast as this machine: a fresh run must fail the gate with exit code 1.
  const doctored: BenchmarkRun = {
    ...run,
    cells: run.cells.map((cell) => ({ ...cell, samplesMs: cell.samplesMs.map((value) => value / 2) })),
  };
  const doctoredFile = join(out, 'baseline-2x-faster.json');
  writeFileSync(doctoredFile, JSON.stringify(doctored));
  const gated = await runCli([...TWO_MODELS, '--out', outDir(), '--baseline', doctoredFile]);
  console.log(gated.stdout);
  expect(gated.code, gated.stderr).toBe(1);
  expect(gated.stdout).toMatch(/REGRESSION (silero-vad-v5|ppocr-v4-rec) on wasm-1t/);

  // An identical baseline passes. (Re-gating the same record: two live runs on this shared 2-core
  // machine differ by up to ~40%, which says nothing about the gate.)
  const identical = await runCli([
    '--from',
    join(out, 'run.json'),
    '--baseline',
    join(out, 'run.json'),
    '--out',
    outDir(),
  ]);
  console.log(identical.stdout);
  expect(identical.code, identical.stderr).toBe(0);
  expect(identical.stdout).toContain('No significant regression past 10%');
  const regated = await runCli([
    '--from',
    join(out, 'run.json'),
    '--baseline',
    doctoredFile,
    '--out',
    outDir(),
  ]);
  expect(regated.code, regated.stderr).toBe(1);

  // Exit 4: a baseline from a machine with other cores is not comparable, unless told to gate anyway.
  const otherCores = join(out, 'baseline-other-cores.json');
  writeFileSync(
    otherCores,
    JSON.stringify({ ...run, environment: { ...run.environment, hardwareConcurrency: 64 } }),
  );
  const gateOn = (baseline: string, ...extra: string[]) =>
    runCli(['--from', join(out, 'run.json'), '--baseline', baseline, '--out', outDir(), ...extra]);
  const refused = await gateOn(otherCores);
  expect(refused.code, refused.stdout).toBe(4);
  expect(refused.stdout).toContain('SETUP ❌ cores (hardwareConcurrency): 64 in the baseline');
  expect((await gateOn(otherCores, '--allow-different-setup')).code).toBe(0);

  // Exit 3: a cell the baseline measured is missing from the candidate.
  const extraCell = join(out, 'baseline-extra-cell.json');
  const [firstCell] = run.cells;
  if (!firstCell) throw new Error('the run has no cells');
  writeFileSync(
    extraCell,
    JSON.stringify({ ...run, cells: [...run.cells, { ...firstCell, modelId: 'silero-vad-v6' }] }),
  );
  const missing = await gateOn(extraCell);
  expect(missing.code, missing.stdout).toBe(3);
  expect(missing.stdout).toContain('GATED CELL silero-vad-v6 on wasm-1t: missing from the candidate');
});

test('runs through a Playwright browser server (--browser-ws)', async () => {
  const executablePath = chromiumExecutable();
  const server = await chromium.launchServer({
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
    host: '127.0.0.1',
  });
  try {
    const out = outDir();
    const result = await runCli([
      '--models',
      'silero-vad-v6',
      '--backends',
      'wasm-1t',
      '--runs',
      '3',
      '--warmup',
      '0',
      '--out',
      out,
      '--browser-ws',
      server.wsEndpoint(),
    ]);
    console.log(result.stdout);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`at ${server.wsEndpoint()}`);
    expect(readRun(out).cells[0]?.status).toBe('ok');
  } finally {
    await server.close();
  }
});

test('clear errors: unknown model, port in use, no browser', async () => {
  const unknown = await runCli(['--models', 'silero-vad-v5,gpt-7', '--out', outDir()]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/gpt-7/);
  expect(unknown.stderr).toMatch(/ppocr-v4-det/);

  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const busy = await runCli(['--models', 'silero-vad-v5', '--port', String(port), '--out', outDir()]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`Port ${port} is in use`);
  } finally {
    blocker.close();
  }

  const noBrowser = await runCli(['--models', 'silero-vad-v5', '--out', outDir()], {
    CHROMIUM_PATH: '/nonexistent/chromium',
  });
  expect(noBrowser.code).toBe(2);
  expect(noBrowser.stderr).toMatch(/apt-get install chromium/);
});

test('a cell past --cell-timeout is cancelled and recorded as failed', async () => {
  const out = outDir();
  const result = await runCli([
    '--models',
    'ppocr-v4-det,silero-vad-v5',
    '--backends',
    'wasm-1t',
    '--runs',
    '400',
    '--warmup',
    '0',
    '--cell-timeout',
    '3',
    '--out',
    out,
  ]);
  console.log(result.stdout);
  expect(result.code, result.stderr).toBe(0);
  const cells = readRun(out).cells;
  expect(cells[0]).toMatchObject({
    modelId: 'ppocr-v4-det',
    status: 'failed',
    reason: 'timed out after 3 s (--cell-timeout)',
  });
  expect(cells[1]).toMatchObject({
    modelId: 'silero-vad-v5',
    status: 'skipped',
    reason: 'not run: an earlier cell timed out',
  });
});

test('--repeat runs the matrix again in fresh contexts and reports run-to-run variation', async () => {
  const out = outDir();
  const result = await runCli([
    '--models',
    'silero-vad-legacy',
    '--backends',
    'wasm-1t',
    '--runs',
    '5',
    '--warmup',
    '1',
    '--repeat',
    '2',
    '--out',
    out,
  ]);
  console.log(result.stdout);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain('repeat 2 of 2 (fresh browser context)');
  const [first, second] = ['run-1.json', 'run-2.json'].map(
    (file) => JSON.parse(readFileSync(join(out, file), 'utf8')) as BenchmarkRun,
  );
  expect(first?.id).not.toBe(second?.id);
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/CV/);

  // The output directory is a baseline of two runs: its first run gated on it passes, on the between-run interval.
  const gated = await runCli(['--from', join(out, 'run-1.json'), '--baseline', out, '--out', outDir()]);
  expect(gated.code, gated.stdout).toBe(0);
  expect(gated.stdout).toContain('(2 baseline run(s) against 1 candidate run(s))');
});
