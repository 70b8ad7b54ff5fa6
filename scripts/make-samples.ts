// Makes the app's built-in OCR sample image (public/samples/ocr-sample.png) by rendering English
// text in Chromium. Run once with `npx tsx scripts/make-samples.ts`; the small PNG is committed.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/chromium';

const SAMPLE_HTML = `
<div id="sample" style="width:720px;padding:28px 36px;background:#fdfcf7;color:#222;font-family:'DejaVu Serif',serif">
  <div style="font:700 34px 'DejaVu Sans',sans-serif">On-Device Lab</div>
  <div style="font-size:22px;margin:10px 0 18px">Small open models run fast and privately in your browser.</div>
  <div style="font:20px 'DejaVu Sans Mono',monospace;line-height:1.7">
    Invoice 2026-118 &nbsp; Total: 42.50 EUR<br/>Paid by card on 26 November 2026
  </div>
  <div style="font:italic 20px 'DejaVu Sans',sans-serif;margin-top:14px;color:#0b4f8a">Nothing you load leaves this device.</div>
</div>`;

const executablePath = chromiumExecutable();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
const page = await browser.newPage({ deviceScaleFactor: 1 });
await page.setContent(SAMPLE_HTML);
const png = await page.locator('#sample').screenshot({ type: 'png' });
await browser.close();
mkdirSync('public/samples', { recursive: true });
writeFileSync('public/samples/ocr-sample.png', png);
console.log(`public/samples/ocr-sample.png: ${png.byteLength} bytes`);
