import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/chromium';
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text().slice(0, 300)); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
const t0 = Date.now();
await page.goto(`http://127.0.0.1:4400/?task=bench&models=${process.argv[2] ?? 'all'}&backends=${process.argv[3] ?? 'wasm-1t,wasm-2t,webgpu'}&warmup=1&runs=3&autostart=1`);
let last = '';
for (;;) {
  const state = await page.getByTestId('bench-status').getAttribute('data-state').catch(() => null);
  const text = await page.getByTestId('bench-status').innerText().catch(() => '');
  if (text !== last) { console.log(((Date.now() - t0) / 1000).toFixed(1), state, text.slice(0, 150)); last = text; }
  if (state === 'done' || state === 'error') break;
  await page.waitForTimeout(500);
}
const run = await page.evaluate(() => window.onDeviceLab?.lastBenchmark);
for (const c of run?.cells ?? []) console.log(JSON.stringify(c.agreement?.tensors), c.modelId, c.backendConfig.id, c.status, c.reason ?? '', c.stats?.medianMs?.toFixed(2), JSON.stringify(c.phases), c.agreement?.withinTolerance, c.agreement?.taskLevel, JSON.stringify(c.placement)?.slice(0, 200), (c.operatorTimes ?? []).slice(0, 3).map(o => `${o.opType}:${o.totalMs.toFixed(1)}`).join(' '));
console.log(JSON.stringify(run?.recommendations.map(r => [r.modelId, r.backendConfigId, r.medianMs])), JSON.stringify(run?.mainThread));
await page.screenshot({ path: '/tmp/dbg/bench.png', fullPage: true });
await browser.close();
