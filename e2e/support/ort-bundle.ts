// Parity tests run onnxruntime-web straight from its package (no app code in between) in a worker of
// the app's page: this serves the app's own ORT build (JSPI) at a same-origin URL the worker imports.
import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { ORT_BUILDS } from '../../src/runtimes/ort/ort-builds';

/** Where a test worker imports ORT from, below the page's origin. */
export const ORT_BUNDLE_PATH = '/__parity/ort.mjs';

/** Answers requests for ORT_BUNDLE_PATH in this context with the JSPI bundle from node_modules. */
export async function serveOrtBundle(context: BrowserContext): Promise<void> {
  const bundle = readFileSync(`node_modules/onnxruntime-web/dist/${ORT_BUILDS.jspi.bundle}`);
  await context.route(`**${ORT_BUNDLE_PATH}`, (route) =>
    route.fulfill({
      body: bundle,
      contentType: 'text/javascript',
      headers: { 'Cross-Origin-Resource-Policy': 'same-origin' },
    }),
  );
}
