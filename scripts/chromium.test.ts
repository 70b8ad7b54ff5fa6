// The browser tests find a Chromium or say, before any test runs, what to install (rather than
// Playwright's "Executable doesn't exist at …" from every test). File checks are passed in, so each
// case is tested whatever this machine has installed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireChromium } from '../e2e/support/chromium';

const PLAYWRIGHT_OWN = '/home/someone/.cache/ms-playwright/chromium/chrome';
const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

afterEach(() => vi.unstubAllEnvs());

describe('requireChromium', () => {
  it("prefers CHROMIUM_PATH, then the system Chromium, then Playwright's own (undefined: its default)", () => {
    vi.stubEnv('CHROMIUM_PATH', '/opt/chrome/chrome');
    expect(requireChromium(PLAYWRIGHT_OWN, only('/opt/chrome/chrome', '/usr/bin/chromium'))).toBe(
      '/opt/chrome/chrome',
    );
    vi.stubEnv('CHROMIUM_PATH', '');
    expect(requireChromium(PLAYWRIGHT_OWN, only('/usr/bin/chromium', PLAYWRIGHT_OWN))).toBe(
      '/usr/bin/chromium',
    );
    expect(requireChromium(PLAYWRIGHT_OWN, only(PLAYWRIGHT_OWN))).toBeUndefined();
  });

  it('names CHROMIUM_PATH when it points nowhere', () => {
    vi.stubEnv('CHROMIUM_PATH', '/nowhere/chromium');
    expect(() => requireChromium(PLAYWRIGHT_OWN, only(PLAYWRIGHT_OWN))).toThrow(
      /CHROMIUM_PATH points at \/nowhere\/chromium/,
    );
  });

  it('says what to install when there is no Chromium at all', () => {
    vi.stubEnv('CHROMIUM_PATH', '');
    expect(() => requireChromium(PLAYWRIGHT_OWN, only())).toThrow(
      /No Chromium found for the browser tests.*apt-get install chromium.*CHROMIUM_PATH.*npx playwright install chromium/,
    );
  });
});
