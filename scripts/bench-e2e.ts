// What the task pipelines cost beyond their inferences, end to end in the app. OCR reads generated
// pages of many lines (text rendered in this browser, several fonts and sizes, known content) and VAD
// scores long generated audio (the speech fixture looped); each runs through the real page, worker and
// models, and the script prints per-stage medians: each model's own time, our pre- and post-processing,
// and the ratio of the whole run to the sum of its inferences. Each OCR page is also read, in the same
// round, by a native peer: @gutenye/ocr-node, the same PP-OCRv4 models through onnxruntime-node with the
// same thread count (it has no angle classifier), so the app's time per image has a native yardstick.
// A benchmark, not a test: `npm run bench:e2e` (builds when dist/ is stale; `-- --rounds 7 --threads 1
// --lines 20` to change it, `-- --url http://127.0.0.1:4173` to measure an app served elsewhere, e.g. an
// older build, `-- --no-peer` to leave the native peer out).
import Ocr from '@gutenye/ocr-node';
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { renderTextImage, type TextImageOptions } from '../e2e/support/text-image';
import { characterAccuracy } from '../e2e/support/text-metrics';
import { mixToMono, resample } from '../src/inputs/resample';
import { parseWav } from '../src/inputs/wav';
import type { OcrTaskResult } from '../src/tasks/ocr/handle';
import { loopToLength } from '../src/tasks/vad/benchmark';
import { SILERO_SAMPLE_RATE } from '../src/tasks/vad/silero';
import type { VadResult } from '../src/tasks/vad/vad-pipeline';
import type { TaskResponse } from '../src/worker/engine-api';
import type {} from '../src/ui/automation';
import { ensureBuilt, openBrowser, serve } from './bench/app-server';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    threads: { type: 'string', default: '2' },
    lines: { type: 'string', default: '12' },
    'audio-seconds': { type: 'string', default: '60' },
    'no-build': { type: 'boolean', default: false },
    'no-peer': { type: 'boolean', default: false },
    /** Measure an app already served there (another build, a deployment) instead of this checkout's. */
    url: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const threads = Number(args.threads);
const lineCount = Number(args.lines);
const audioSeconds = Number(args['audio-seconds']);

const WORDS =
  'invoice total amount due date order number shipping address meeting room floor update version build ' +
  'release notes battery charge network offline private model browser faster smaller quarter report'.split(
    ' ',
  );

/** A page of `count` lines of known text: words, numbers and punctuation, different on every line. */
function pageLines(seed: number, count: number): string[] {
  return Array.from({ length: count }, (_, line) => {
    const words = Array.from({ length: 3 + ((line + seed) % 5) }, (_, word) => {
      const pick = WORDS[(seed * 7 + line * 13 + word * 5) % WORDS.length] ?? 'text';
      return word === 0 ? pick[0]!.toUpperCase() + pick.slice(1) : pick;
    });
    return `${words.join(' ')} ${(seed + 1) * 100 + line * 7}.${(line * 3) % 10}0`;
  });
}

const PAGE_STYLES: ReadonlyArray<{ name: string; options: TextImageOptions }> = [
  { name: 'sans-22px', options: { fontSizePx: 22 } },
  {
    name: 'serif-26px',
    options: { fontFamily: "'DejaVu Serif', serif", fontSizePx: 26, background: '#fffdf0' },
  },
  {
    name: 'mono-20px-dark',
    options: {
      fontFamily: "'DejaVu Sans Mono', monospace",
      fontSizePx: 20,
      color: '#e8e8e8',
      background: '#1e1e1e',
      lineHeight: 1.3,
    },
  },
];

/** 16-bit PCM mono WAV bytes. */
function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  const body = Buffer.alloc(samples.length * 2);
  samples.forEach((value, index) =>
    body.writeInt16LE(Math.round(Math.max(-1, Math.min(1, value)) * 32767), index * 2),
  );
  return Buffer.concat([header, body]);
}

/** The speech fixture (speech with known silences) repeated to `seconds`. */
function longSpeech(seconds: number): { wav: Buffer; seconds: number } {
  const source = parseWav(
    new Uint8Array(readFileSync(new URL('../e2e/fixtures/speech-16k.wav', import.meta.url))),
  );
  const speech16k = resample(mixToMono(source.channels), source.sampleRate, SILERO_SAMPLE_RATE);
  return { wav: encodeWav(loopToLength(speech16k, seconds), SILERO_SAMPLE_RATE), seconds };
}

/**
 * Sets the file on the task's picker and waits for the run it starts; fails if the run failed. `wallMs`
 * is from handing over the file to the finished run: decoding on the page and everything in between.
 */
async function runTask<T>(
  page: Page,
  task: 'ocr' | 'vad',
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<{ response: T; wallMs: number }> {
  const status = page.getByTestId(`${task}-status`);
  const before = Number((await status.getAttribute('data-finished')) ?? 0);
  const started = performance.now();
  await page.getByTestId(`${task}-file-input`).setInputFiles(file);
  await page.waitForFunction(
    ([selector, count]) => Number(document.querySelector(selector)?.getAttribute('data-finished')) > count,
    [`[data-testid="${task}-status"]`, before] as const,
    { timeout: 600_000 },
  );
  const wallMs = performance.now() - started;
  if ((await status.getAttribute('data-state')) !== 'done')
    throw new Error(`${task}: ${await status.innerText()}`);
  const key: 'lastOcr' | 'lastVad' = task === 'ocr' ? 'lastOcr' : 'lastVad';
  return { response: (await page.evaluate((name) => window.onDeviceLab?.[name], key)) as T, wallMs };
}

const fmt = (ms: number) => ms.toFixed(1).padStart(8);

function peerVersion(): string {
  const manifest = new URL('../node_modules/@gutenye/ocr-node/package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

if (args.url === undefined) ensureBuilt(args['no-build'] ?? false);
const served = args.url === undefined ? await serve(0) : undefined;
const origin = args.url ?? served?.origin ?? '';
const browser = await openBrowser(undefined);
const context = await browser.newContext({ baseURL: origin });
const page = await context.newPage();

console.log(
  `OCR on wasm, ${threads} threads: ${PAGE_STYLES.length} generated pages of ${lineCount} lines, ${rounds} rounds`,
);
console.log('(first run of each model excluded: it includes session creation)');
const pages = await Promise.all(
  PAGE_STYLES.map(async (style, index) => {
    const lines = pageLines(index, lineCount);
    return { ...style, lines, png: await renderTextImage(context, lines, { ...style.options, padding: 32 }) };
  }),
);
const pageDir = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
const pageFiles = new Map(
  pages.map((generated) => {
    const path = join(pageDir, `${generated.name}.png`);
    writeFileSync(path, generated.png);
    return [generated.name, path] as const;
  }),
);
/** The native peer, started and run once (its first run includes session warm-up, as the app's does). */
const peer: { detect(path: string): Promise<Array<{ text: string }>> } | undefined = args['no-peer']
  ? undefined
  : await Ocr.create({ onnxOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } });
await peer?.detect(pageFiles.get(pages[0]!.name)!);
const peerRuns = new Map<string, Array<{ ms: number; text: string }>>();

await page.goto(`/?task=ocr&backend=wasm&threads=${threads}`);
await page.getByTestId('env-threads').waitFor();
const first = pages[0]!;
await runTask(page, 'ocr', { name: 'warm-up.png', mimeType: 'image/png', buffer: first.png });
/** One measured OCR run, reduced to the figures the table shows. */
interface OcrRow {
  readonly lines: number;
  readonly text: string;
  readonly detectMs: number;
  readonly recognizeMs: number;
  readonly recognizeRuns: number | undefined;
  readonly classifyMs: number;
  /** All models' own time; NaN for builds from before the pipeline reported it. */
  readonly inferenceMs: number;
  readonly preprocessMs: number;
  readonly totalMs: number;
  readonly wallMs: number;
}

function ocrRow({ timings, lines }: OcrTaskResult, wallMs: number): OcrRow {
  // Absent in builds from before the pipeline split its inference time out.
  const inference: OcrTaskResult['timings']['inference'] | undefined = timings.inference;
  const inferenceMs = inference ? inference.detectMs + inference.classifyMs + inference.recognizeMs : NaN;
  return {
    lines: lines.length,
    text: lines.map((line) => line.text).join('\n'),
    detectMs: inference?.detectMs ?? NaN,
    recognizeMs: inference?.recognizeMs ?? NaN,
    recognizeRuns: (timings.runs as OcrTaskResult['timings']['runs'] | undefined)?.recognize,
    classifyMs: inference?.classifyMs ?? NaN,
    inferenceMs,
    preprocessMs: timings.preprocessMs,
    totalMs: timings.totalMs,
    wallMs,
  };
}

const ocrRuns = new Map<string, OcrRow[]>();
for (let round = 0; round < rounds; round++) {
  for (const generated of pages) {
    const { response, wallMs } = await runTask<TaskResponse<OcrTaskResult>>(page, 'ocr', {
      name: `${generated.name}-${round}.png`,
      mimeType: 'image/png',
      buffer: generated.png,
    });
    ocrRuns.set(generated.name, [...(ocrRuns.get(generated.name) ?? []), ocrRow(response.result, wallMs)]);
    if (peer) {
      const started = performance.now();
      const lines = await peer.detect(pageFiles.get(generated.name)!);
      const ms = performance.now() - started;
      const text = lines.map((line) => line.text).join('\n');
      peerRuns.set(generated.name, [...(peerRuns.get(generated.name) ?? []), { ms, text }]);
    }
  }
}
rmSync(pageDir, { recursive: true });
console.log(
  'page             lines accuracy  det ms  rec ms (runs)  cls ms  inference  pre ms  other ms   total  total/inf  file→result',
);
for (const generated of pages) {
  const rows = ocrRuns.get(generated.name) ?? [];
  const med = (pick: (row: OcrRow) => number) => median(rows.map(pick));
  const last = rows[rows.length - 1]!;
  const accuracy = characterAccuracy(generated.lines.join('\n'), last.text);
  console.log(
    [
      generated.name.padEnd(16),
      String(last.lines).padStart(5),
      `${(accuracy * 100).toFixed(1)}%`.padStart(8),
      fmt(med((row) => row.detectMs)),
      `${fmt(med((row) => row.recognizeMs))} (${last.recognizeRuns ?? '?'})`.padEnd(13),
      fmt(med((row) => row.classifyMs)),
      `${fmt(med((row) => row.inferenceMs))}  `,
      fmt(med((row) => row.preprocessMs)),
      `${fmt(med((row) => row.totalMs - row.inferenceMs))} `,
      fmt(med((row) => row.totalMs)),
      `${med((row) => row.totalMs / row.inferenceMs)
        .toFixed(3)
        .padStart(8)}×`,
      fmt(med((row) => row.wallMs)),
    ].join(' '),
  );
}

if (peer) {
  console.log(
    `\nNative peer (@gutenye/ocr-node ${peerVersion()}, onnxruntime-node, ${threads} threads, no angle classifier), same pages and rounds:`,
  );
  console.log('page             accuracy  peer ms  app total ms  app / peer');
  for (const generated of pages) {
    const runs = peerRuns.get(generated.name) ?? [];
    const peerMs = median(runs.map((run) => run.ms));
    const appMs = median((ocrRuns.get(generated.name) ?? []).map((row) => row.totalMs));
    const accuracy = characterAccuracy(generated.lines.join('\n'), runs[runs.length - 1]?.text ?? '');
    console.log(
      [
        generated.name.padEnd(16),
        `${(accuracy * 100).toFixed(1)}%`.padStart(8),
        fmt(peerMs),
        `${fmt(appMs)}     `,
        `${(appMs / peerMs).toFixed(2).padStart(8)}×`,
      ].join(' '),
    );
  }
}

const audio = longSpeech(audioSeconds);
console.log(
  `\nVAD (silero-vad-v5) on wasm, ${threads} threads: ${audio.seconds} s of looped speech, ${rounds} rounds`,
);
await page.goto(`/?task=vad&backend=wasm&threads=${threads}&model=silero-vad-v5`);
await page.getByTestId('env-threads').waitFor();
await runTask(page, 'vad', { name: 'warm-up.wav', mimeType: 'audio/wav', buffer: audio.wav });
const vadRuns: Array<VadResult['timings'] & { readonly wallMs: number }> = [];
for (let round = 0; round < rounds; round++) {
  const { response, wallMs } = await runTask<TaskResponse<VadResult>>(page, 'vad', {
    name: `speech-${round}.wav`,
    mimeType: 'audio/wav',
    buffer: audio.wav,
  });
  vadRuns.push({ ...response.result.timings, wallMs });
}
const vadMedian = (pick: (run: (typeof vadRuns)[number]) => number) => median(vadRuns.map(pick));
console.log('resample ms  inference ms  per frame ms  other ms   total ms  total/inf  file→result');
console.log(
  [
    `${fmt(vadMedian((run) => run.resampleMs))}   `,
    `${fmt(vadMedian((run) => run.inferenceMs))}     `,
    vadMedian((run) => run.perFrameMs)
      .toFixed(3)
      .padStart(9),
    `${fmt(vadMedian((run) => run.totalMs - run.inferenceMs))} `,
    `${fmt(vadMedian((run) => run.totalMs))} `,
    `${vadMedian((run) => run.totalMs / run.inferenceMs)
      .toFixed(3)
      .padStart(8)}×`,
    fmt(vadMedian((run) => run.wallMs)),
  ].join(' '),
);

await browser.close();
await served?.server.close();
