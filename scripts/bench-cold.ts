// How long the app takes to its first OCR result, from navigation, in a fresh browser context (nothing
// cached) and after a reload (HTTP cache, Cache Storage and compiled wasm warm). For each it prints the
// page's own cold-start marks (window.onDeviceLab.coldStart: engine ready, models prepared, first
// result) for a user who clicks the built-in sample as soon as the button works, and the time a click
// takes once the page has got ready by itself. A benchmark, not a test: `npm run bench:cold`
// (`-- --rounds 7 --threads 1` to change it; `-- --url http://127.0.0.1:4173` for an app served elsewhere).
import type { BrowserContext, Page } from '@playwright/test';
import { parseArgs } from 'node:util';
import { max, median, min } from 'simple-statistics';
import type {} from '../src/ui/automation';
import { ensureBuilt, openBrowser, serve } from './bench/app-server';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    threads: { type: 'string', default: '2' },
    backend: { type: 'string', default: 'wasm' },
    'no-build': { type: 'boolean', default: false },
    /** Measure an app already served there (another build, a deployment) instead of this checkout's. */
    url: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const url = `/?task=ocr&backend=${args.backend}&threads=${args.threads}`;

interface Visit {
  readonly engineReady: number;
  readonly prepared: number;
  readonly firstResult: number;
  /** Click to result on a page that had got ready by itself. */
  readonly readyClickToResult: number;
}

/** Waits until the OCR run counter passes `count` and the run succeeded. */
async function waitForRun(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (before) =>
      Number(document.querySelector('[data-testid="ocr-status"]')?.getAttribute('data-finished')) > before,
    count,
    { timeout: 300_000 },
  );
  const state = await page.getByTestId('ocr-status').getAttribute('data-state');
  if (state !== 'done') throw new Error(`OCR failed: ${await page.getByTestId('ocr-status').innerText()}`);
}

async function marks(page: Page) {
  return page.evaluate(() => window.onDeviceLab?.coldStart ?? {});
}

/** One visit: click the sample as soon as it can be clicked; then, once ready, time one more click. */
async function visit(page: Page, load: () => Promise<unknown>): Promise<Visit> {
  await load();
  const sample = page.getByTestId('ocr-sample');
  await sample.click({ timeout: 120_000 });
  await waitForRun(page, 0);
  const resultSeen = await page.evaluate(() => performance.now());
  // Builds from before the cold-start marks (measured with --url) have none: their first result is
  // when this script saw it, and their sessions are ready once that first run is done.
  if ((await marks(page)).engineReady !== undefined) {
    await page.waitForFunction(() => window.onDeviceLab?.coldStart?.prepared !== undefined, undefined, {
      timeout: 300_000,
    });
  }
  const { engineReady = NaN, prepared = NaN, firstResult = resultSeen } = await marks(page);
  const clicked = performance.now();
  await sample.click();
  await waitForRun(page, 1);
  return { engineReady, prepared, firstResult, readyClickToResult: performance.now() - clicked };
}

function report(label: string, visits: readonly Visit[]): void {
  const column = (pick: (visit: Visit) => number) => {
    const values = visits.map(pick);
    return `${median(values).toFixed(0).padStart(6)} (${min(values).toFixed(0)}–${max(values).toFixed(0)})`.padEnd(
      20,
    );
  };
  console.log(
    `${label.padEnd(14)} ${column((v) => v.engineReady)} ${column((v) => v.prepared)} ${column((v) => v.firstResult)} ${column((v) => v.readyClickToResult)}`,
  );
}

if (args.url === undefined) ensureBuilt(args['no-build'] ?? false);
const served = args.url === undefined ? await serve(0) : undefined;
const origin = args.url ?? served?.origin ?? '';
const browser = await openBrowser(undefined);
const fresh: Visit[] = [];
const reloaded: Visit[] = [];
for (let round = 0; round < rounds; round++) {
  const context: BrowserContext = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  fresh.push(await visit(page, () => page.goto(url)));
  reloaded.push(await visit(page, () => page.reload()));
  await context.close();
}
console.log(
  `Cold start of OCR on ${args.backend} (${args.threads} threads), ${rounds} rounds; ms since navigation, median (min–max)`,
);
console.log(
  'visit          engine ready         models prepared      first result         click→result when ready',
);
report('fresh context', fresh);
report('reload', reloaded);
await browser.close();
await served?.server.close();
