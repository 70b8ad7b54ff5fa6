// What both headless scripts need before they measure anything: a fresh build of the app, a COOP/COEP
// server for it on loopback, and a Chromium (launched here, or a remote Playwright browser server), each
// failing with a message and an exit code a person can act on.
import { chromium, type Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { CHROMIUM_ARGS, chromiumExecutable, INSTALL_CHROMIUM } from '../../e2e/support/chromium';
import { errorMessage } from '../../src/core/errors';

/** A failure with the exit code and the message a person sees, without a stack trace. */
export class RunnerError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const ROOT = new URL('../..', import.meta.url).pathname;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

/** Builds when dist/ is missing or older than the sources it is built from. */
export function ensureBuilt(skip: boolean): void {
  const built = newestMtime(join(ROOT, 'dist', 'index.html'));
  const sources = Math.max(
    ...['src', 'public/samples', 'index.html', 'vite.config.ts'].map((path) => newestMtime(join(ROOT, path))),
  );
  if (built > sources) return;
  if (skip)
    throw new RunnerError(
      'dist/ is missing or out of date and --no-build was given; run `npm run build`.',
      2,
    );
  console.log('Building the app (dist/ is missing or older than the sources)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new RunnerError('`npm run build` failed; see its output above.', 2);
}

export async function serve(port: number): Promise<{ server: PreviewServer; origin: string }> {
  try {
    const server = await preview({
      root: ROOT,
      preview: { host: '127.0.0.1', port, strictPort: true, open: false },
      logLevel: 'error',
    });
    const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
    if (!origin) throw new Error('the preview server did not report its address');
    return { server, origin };
  } catch (error) {
    const message = errorMessage(error);
    if (/in use|EADDRINUSE/i.test(message)) {
      throw new RunnerError(
        `Port ${port} is in use. Pick another with --port, or --port 0 for any free port.`,
        2,
      );
    }
    throw new RunnerError(`Could not serve the app: ${message}`, 2);
  }
}

export async function openBrowser(endpoint: string | undefined): Promise<Browser> {
  if (endpoint) {
    try {
      return await chromium.connect(endpoint, { timeout: 30_000 });
    } catch (error) {
      throw new RunnerError(`Could not connect to the browser server at ${endpoint}: ${String(error)}`, 2);
    }
  }
  try {
    const executablePath = chromiumExecutable();
    return await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
  } catch (error) {
    throw new RunnerError(
      `No usable Chromium was found (${String(error).split('\n')[0]}).\n${INSTALL_CHROMIUM} ` +
        'Or connect to a Playwright browser server with --browser-ws ws://host:port/path.',
      2,
    );
  }
}
