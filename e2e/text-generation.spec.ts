// Text generation through Transformers.js in the worker, offline, on the tiny counting decoder the project
// generates (scripts/hf-models/tiny-decoder.ts). Its greedy output is known by construction: a word is
// followed by the next number (one … ten, then one again) until the token limit, and by the previous one
// down to "one" and the end-of-text token once "countdown" came before (seen through the key/value cache).
// Checked here in the real app: that text, the same twice, streamed in growing pieces, ended early by
// Stop (from the keyboard), the same on WebGPU and in fp16. The fixture checks no request left the origin.
import { expect, openApp, test, type LabPage } from './support/lab';

const COUNT = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** The first `n` words counting up after `word`. */
const countUpFrom = (word: string, n: number) =>
  Array.from({ length: n }, (_, i) => COUNT[(COUNT.indexOf(word) + 1 + i) % COUNT.length]).join(' ');

async function generate(lab: LabPage, prompt: string, maxNewTokens: number, dtype = 'fp32') {
  const { page } = lab;
  await page.getByTestId('generate-dtype').selectOption(dtype);
  await page.getByTestId('generate-prompt').fill(prompt);
  await page.getByTestId('generate-max-tokens').fill(String(maxNewTokens));
  return (await lab.generate(() => page.getByTestId('generate-run').click())).result;
}

/** Records every text the output box shows from now on. */
async function recordOutput(lab: LabPage) {
  await lab.page.evaluate(() => {
    const output = document.querySelector('[data-testid="generate-output"]');
    const seen: string[] = [];
    (window as unknown as { __outputs: string[] }).__outputs = seen;
    new MutationObserver(() => seen.push(output?.textContent ?? '')).observe(output as Node, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return () => lab.page.evaluate(() => (window as unknown as { __outputs: string[] }).__outputs);
}

test('continues the prompt as the model is built to, streaming the text, the same every time', async ({
  lab,
  page,
}) => {
  await openApp(page, '?task=generate&backend=wasm');
  const outputs = await recordOutput(lab);
  const first = await generate(lab, 'Three', 12);
  expect(first.text).toBe(countUpFrom('three', 12));
  expect(first).toMatchObject({ tokenCount: 12, stopped: false, dtype: 'fp32', maxNewTokens: 12 });
  expect(first.ttftMs).toBeGreaterThan(0);
  expect(first.tokensPerS).toBeGreaterThan(0);
  await expect(page.getByTestId('generate-output')).toHaveText(first.text);
  await expect(page.getByTestId('generate-tokens')).toHaveText('12 of at most 12');
  await expect(page.getByTestId('generate-ended')).toHaveText('token limit');

  // Streaming: the page showed the text growing before the final one. How many of the 12 partial texts
  // get their own render depends on the machine's speed (React commits partials that arrive close
  // together at once: 3 seen on a quiet 2-core machine, 5+ under load), so two distinct ones prove it.
  const shown = (await outputs()).filter((text, i, all) => text !== '' && text !== all[i - 1]);
  const partial = shown.filter((text) => text !== first.text);
  expect(partial.length).toBeGreaterThanOrEqual(2);
  for (const [i, text] of shown.entries()) {
    expect(first.text.startsWith(text.trim()), `"${text}" is a start of the final text`).toBe(true);
    if (i > 0) expect(text.length).toBeGreaterThan(shown[i - 1]?.length ?? 0);
  }
  expect(shown.at(-1)).toBe(first.text);

  // Greedy decoding: the same prompt gives the same text.
  const again = await generate(lab, 'Three', 12);
  expect(again.text).toBe(first.text);

  // A countdown before, seen through the cache, turns the count around; "one" is followed by the end.
  const countdown = await generate(lab, 'countdown three', 50);
  expect(countdown).toMatchObject({ text: 'two one', tokenCount: 3, stopped: false });
  await expect(page.getByTestId('generate-ended')).toHaveText('end of text');

  const modelFiles = lab.requests.filter((url) => url.includes('/models/tiny-decoder/'));
  expect(modelFiles.some((url) => url.endsWith('/onnx/model.onnx'))).toBe(true);
});

test('Stop ends a long generation early, from the keyboard, and the view works afterwards', async ({
  lab,
  page,
}) => {
  await openApp(page, '?task=generate&backend=wasm');
  const stop = page.getByTestId('generate-stop');
  await expect(stop).toBeDisabled();
  await page.getByTestId('generate-prompt').fill('one');
  await page.getByTestId('generate-max-tokens').fill('1024');
  const stopped = lab.generate(async () => {
    await page.getByTestId('generate-run').click();
    // As soon as text streams in (well before 1024 tokens), Stop by keyboard: focus it, press Space.
    await expect(page.getByTestId('generate-output')).toHaveText(/^two /);
    await expect(stop).toBeEnabled();
    await stop.focus();
    await page.keyboard.press('Space');
  });
  const { result } = await stopped;
  expect(result.stopped).toBe(true);
  expect(result.tokenCount).toBeGreaterThanOrEqual(2);
  expect(result.tokenCount).toBeLessThan(1024);
  // Whatever it got to, the text is the count it was built to give.
  expect(result.text).toBe(countUpFrom('one', result.tokenCount));
  await expect(page.getByTestId('generate-ended')).toHaveText('stopped');
  await expect(stop).toBeDisabled();

  const after = await generate(lab, 'one', 5);
  expect(after).toMatchObject({ text: 'two three four five six', stopped: false, tokenCount: 5 });
});

test('fp16 gives the tokens fp32 gives, and an empty prompt gets a clear message', async ({ lab, page }) => {
  await openApp(page, '?task=generate&backend=wasm');
  const full = await generate(lab, 'countdown', 20, 'fp32');
  expect(full.text).toBe([...COUNT].reverse().join(' '));
  const half = await generate(lab, 'countdown', 20, 'fp16');
  expect(half).toMatchObject({ text: full.text, tokenCount: full.tokenCount, dtype: 'fp16' });
  expect(lab.requests.some((url) => url.endsWith('/models/tiny-decoder/onnx/model_fp16.onnx'))).toBe(true);

  await page.getByTestId('generate-prompt').fill('   ');
  const failure = await lab.failure('generate', () => page.getByTestId('generate-run').click());
  expect(failure.kind).toBe('InvalidInputError');
  expect(failure.message).toContain('no prompt');
});

test('WebGPU gives the greedy tokens wasm gives', async ({ lab, page }) => {
  await openApp(page, '?task=generate&backend=wasm');
  const wasm = [await generate(lab, 'seven', 14), await generate(lab, 'five countdown nine', 14)];
  await openApp(page, '?task=generate&backend=webgpu');
  const webgpu = [await generate(lab, 'seven', 14), await generate(lab, 'five countdown nine', 14)];
  expect(wasm.map((run) => run.text)).toEqual([
    countUpFrom('seven', 14),
    'eight seven six five four three two one',
  ]);
  expect(webgpu.map((run) => [run.text, run.tokenCount])).toEqual(
    wasm.map((run) => [run.text, run.tokenCount]),
  );
  const response = await page.evaluate(() => window.onDeviceLab?.lastGeneration);
  expect(response?.backend).toBe('webgpu');
});
