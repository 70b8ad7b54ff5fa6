// Browser tests drive the built app (vite preview, COOP/COEP on) in real Chromium. The fake media
// device plays a speech file into getUserMedia so the microphone path is tested end to end.
import { chromium, defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, requireChromium } from './e2e/support/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4317);
const fakeMicrophoneFile = fileURLToPath(new URL('./e2e/fixtures/speech-16k.wav', import.meta.url));
// Fails here, before any test, with what to install when there is no Chromium at all.
const executablePath = requireChromium(chromium.executablePath());

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${fakeMicrophoneFile}%noloop`,
        '--autoplay-policy=no-user-gesture-required',
        // measureUserAgentSpecificMemory answers at once instead of waiting for a garbage collection.
        '--enable-blink-features=ForceEagerMeasureMemory',
      ],
    },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
