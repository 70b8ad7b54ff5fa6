// Finds the Chromium the browser tests and scripts launch, and the flags they all need here:
// system Chromium first (CHROMIUM_PATH, then Debian's /usr/bin/chromium), else Playwright's own; and
// says what to install when there is none.
import { existsSync } from 'node:fs';

export function chromiumExecutable(exists: (path: string) => boolean = existsSync): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!exists(fromEnv)) throw new Error(`CHROMIUM_PATH points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => exists(path));
}

/** What to do when no Chromium is found, for every place that needs one. */
export const INSTALL_CHROMIUM =
  'Install one (Debian/Ubuntu: apt-get install chromium fonts-dejavu-core), set CHROMIUM_PATH to a Chromium or ' +
  'Chrome binary, or let Playwright download its own where the network allows (npx playwright install chromium).';

/**
 * The Chromium the browser tests launch: the system one (chromiumExecutable), else Playwright's own
 * when it is installed at `playwrightExecutable`. Throws, before any test runs, a message that says what
 * to install instead of Playwright's "Executable doesn't exist at …".
 */
export function requireChromium(
  playwrightExecutable: string,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const system = chromiumExecutable(exists);
  if (system) return system;
  if (exists(playwrightExecutable)) return undefined;
  throw new Error(
    `No Chromium found for the browser tests: not at CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser, ` +
      `and Playwright's own is not installed (${playwrightExecutable}). ${INSTALL_CHROMIUM}`,
  );
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
