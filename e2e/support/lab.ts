// The fixture every browser test uses: it records every request the page makes and every main-thread
// long task, and after each test asserts the page stayed on its own origin (a spec that serves a fake
// Hub, e2e/hub.spec.ts, names the Hub's origins in `allowedOrigins`; every other spec allows none). Helpers wait for a task
// run to finish and read its result from the automation hook.
import { test as base, expect, type Page } from '@playwright/test';
import type { ImageClassificationResult } from '../../src/tasks/image-classification/handle';
import type { OcrTaskResult } from '../../src/tasks/ocr/handle';
import type { SemanticSearchResult } from '../../src/tasks/semantic-search/handle';
import type { TextClassificationResult } from '../../src/tasks/text-classification/handle';
import type { TextGenerationResult } from '../../src/tasks/text-generation/handle';
import type { VadResult } from '../../src/tasks/vad/vad-pipeline';
import type { TaskResponse } from '../../src/worker/engine-api';
import type {} from '../../src/ui/automation';

type OcrResponse = TaskResponse<OcrTaskResult>;
type VadResponse = TaskResponse<VadResult>;
type ClassifyResponse = TaskResponse<TextClassificationResult>;
type SearchResponse = TaskResponse<SemanticSearchResult>;
type GenerateResponse = TaskResponse<TextGenerationResult>;
type ImageResponse = TaskResponse<ImageClassificationResult>;

type Action = () => Promise<unknown>;
type TaskName = 'ocr' | 'vad' | 'classify' | 'search' | 'generate' | 'image';

export interface LabPage {
  readonly page: Page;
  /** Every URL the page (and its workers) requested. */
  readonly requests: string[];
  longestLongTaskMs(): Promise<number>;
  /** Runtime files (ONNX Runtime's and Transformers.js's scripts and wasm) the page itself loaded, as
   * opposed to its worker: inference on the UI thread would load them here. */
  mainThreadRuntimeFiles(): Promise<string[]>;
  /** Does `action` (a click, a file upload) and returns the OCR run it started; fails if the run failed. */
  ocr(action: Action): Promise<OcrResponse>;
  vad(action: Action): Promise<VadResponse>;
  classify(action: Action): Promise<ClassifyResponse>;
  search(action: Action): Promise<SearchResponse>;
  generate(action: Action): Promise<GenerateResponse>;
  image(action: Action): Promise<ImageResponse>;
  /** Does `action` and returns the error the run ended with; fails if the run succeeded. */
  failure(task: TaskName, action: Action): Promise<{ kind: string; message: string }>;
}

const LOCAL_SCHEMES = ['data:', 'blob:'];

/** Runs `action`, waits until the task has finished one more run, and returns how it ended. */
async function finishedRun(
  page: Page,
  task: TaskName,
  action: Action,
): Promise<{ state: string; text: string }> {
  const status = page.getByTestId(`${task}-status`);
  const before = Number((await status.getAttribute('data-finished')) ?? 0);
  await action();
  await expect(status).toHaveAttribute('data-finished', String(before + 1), { timeout: 170_000 });
  return { state: (await status.getAttribute('data-state')) ?? '', text: await status.innerText() };
}

async function succeeded(page: Page, task: TaskName, action: Action): Promise<void> {
  const { state, text } = await finishedRun(page, task, action);
  if (state !== 'done') throw new Error(`The ${task} run failed: ${text}`);
}

export const test = base.extend<{ lab: LabPage; allowedOrigins: readonly string[] }>({
  /** Origins besides the app's that this spec's pages may request (none unless a spec says so). */
  allowedOrigins: [[], { option: true }],
  // auto: every test gets the same-origin check, even one that never touches `lab`.
  lab: [
    async ({ page, baseURL, allowedOrigins }, use) => {
      const requests: string[] = [];
      // The context sees the page's requests and its workers'.
      page.context().on('request', (request) => requests.push(request.url()));
      await page.addInitScript(() => {
        const store: number[] = [];
        (window as unknown as { __longTasks: number[] }).__longTasks = store;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) store.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await use({
        page,
        requests,
        longestLongTaskMs: () =>
          page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks)),
        mainThreadRuntimeFiles: () =>
          page.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .map((entry) => entry.name)
              .filter((name) => /\.wasm$|\/ort[.-]|transformers/.test(new URL(name).pathname)),
          ),
        ocr: async (action) => {
          await succeeded(page, 'ocr', action);
          return page.evaluate(() => window.onDeviceLab?.lastOcr as OcrResponse);
        },
        classify: async (action) => {
          await succeeded(page, 'classify', action);
          return page.evaluate(() => window.onDeviceLab?.lastTextClassification as ClassifyResponse);
        },
        search: async (action) => {
          await succeeded(page, 'search', action);
          return page.evaluate(() => window.onDeviceLab?.lastSearch as SearchResponse);
        },
        generate: async (action) => {
          await succeeded(page, 'generate', action);
          return page.evaluate(() => window.onDeviceLab?.lastGeneration as GenerateResponse);
        },
        image: async (action) => {
          await succeeded(page, 'image', action);
          return page.evaluate(() => window.onDeviceLab?.lastImageClassification as ImageResponse);
        },
        failure: async (task, action) => {
          const { state, text } = await finishedRun(page, task, action);
          if (state !== 'error') throw new Error(`The ${task} run was expected to fail but ended "${state}"`);
          const error = page.getByTestId(`${task}-status`).getByTestId('error');
          return { kind: (await error.getAttribute('data-kind')) ?? '', message: text };
        },
        vad: async (action) => {
          await succeeded(page, 'vad', action);
          return page.evaluate(() => {
            const response = window.onDeviceLab?.lastVad as VadResponse;
            return {
              ...response,
              result: { ...response.result, probabilities: Array.from(response.result.probabilities) },
            };
          }) as unknown as VadResponse;
        },
      });
      const origin = new URL(baseURL ?? '').origin;
      const foreign = requests.filter(
        (url) =>
          !LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme)) &&
          new URL(url).origin !== origin &&
          !allowedOrigins.includes(new URL(url).origin),
      );
      expect(foreign, `requests outside ${[origin, ...allowedOrigins].join(', ')}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app with URL settings and waits until the inference worker is ready. */
export async function openApp(page: Page, query: string): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByTestId('env-threads')).toBeVisible();
}
