// Finds the Chromium the browser tests and scripts launch, and the flags they all need here:
// system Chromium first (CHROMIUM_PATH, then Debian's /usr/bin/chromium), else Playwright's own.
import { existsSync } from 'node:fs';

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
}

/** Quiet, offline-safe Chromium with WebGPU (software adapter when there is no GPU) and the WebNN API. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--enable-features=WebMachineLearningNeuralNetwork',
];
