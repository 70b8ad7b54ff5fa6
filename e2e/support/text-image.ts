// Renders known text to a PNG in the test's own browser, so OCR tests have ground truth without
// committed images. The font, size and colours vary per call to keep the tests general.
import type { BrowserContext } from '@playwright/test';

export interface TextImageOptions {
  readonly fontFamily?: string;
  readonly fontSizePx?: number;
  readonly padding?: number;
  readonly color?: string;
  readonly background?: string;
  readonly width?: number;
  readonly lineHeight?: number;
}

export async function renderTextImage(
  context: BrowserContext,
  lines: readonly string[],
  options: TextImageOptions = {},
): Promise<Buffer> {
  const page = await context.newPage();
  try {
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    await page.setContent(
      `<div id="text" style="display:inline-block;white-space:pre;line-height:${options.lineHeight ?? 1.6};` +
        `font-family:${options.fontFamily ?? "'DejaVu Sans', sans-serif"};font-size:${options.fontSizePx ?? 28}px;` +
        `padding:${options.padding ?? 24}px;color:${options.color ?? '#111'};background:${options.background ?? '#fff'};` +
        `${options.width ? `width:${options.width}px;` : ''}">${lines.map(escape).join('\n')}</div>`,
    );
    return await page.locator('#text').screenshot({ type: 'png' });
  } finally {
    await page.close();
  }
}
