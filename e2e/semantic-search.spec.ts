// Semantic search through a Transformers.js feature-extraction pipeline, offline, on the project's tiny
// BERT: its text vectors are near when texts share words, so a query about one built-in note finds that
// note first. Passage vectors are kept in IndexedDB: searching again, also after a reload, embeds only
// the query, until the user forgets them. The user's own text, pasted or from a file, is searched too.
import { expect, openApp, test } from './support/lab';

test('finds the note a query is about, and reuses the saved passage vectors after a reload', async ({
  lab,
  page,
}) => {
  await openApp(page, '?task=search&backend=wasm');
  await page.getByTestId('search-query').fill('my phone battery is slow');
  const first = await lab.search(() => page.getByTestId('search-run').click());
  expect(first.result.hits[0]?.document).toBe('battery.md');
  expect(first.result.passages).toBe(8);
  expect(first.result.embedded).toBe(8);
  const scores = first.result.hits.map((hit) => hit.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(scores[0]).toBeLessThanOrEqual(1 + 1e-5);

  await page.reload();
  await expect(page.getByTestId('env-threads')).toBeVisible();
  await page.getByTestId('search-query').fill('where is the meeting room');
  const again = await lab.search(() => page.getByTestId('search-run').click());
  expect(again.result.hits[0]?.document).toBe('meeting.md');
  expect(again.result.embedded).toBe(0);
  expect(again.result.fromIndex).toBe(8);

  // Forgetting the saved vectors makes the next search embed every passage again.
  await expect(page.getByTestId('search-saved')).toHaveText('8 passage vectors saved in this browser');
  await page.getByTestId('search-forget').click();
  await expect(page.getByTestId('search-saved')).toHaveText('0 passage vectors saved in this browser');
  const afresh = await lab.search(() => page.getByTestId('search-run').click());
  expect(afresh.result.embedded).toBe(8);
  expect(afresh.result.fromIndex).toBe(0);
});

test("searches the user's own text from a file, alone", async ({ lab, page }) => {
  await openApp(page, '?task=search&backend=wasm');
  await page.getByTestId('search-builtin').uncheck();
  await page.getByTestId('search-file-input').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      '# Pets\n\nThe cat and the dog sleep.\n\n# Money\n\nThe invoice total and the price.\n',
    ),
  });
  await page.getByTestId('search-query').fill('invoice price');
  const response = await lab.search(() => page.getByTestId('search-run').click());
  expect(response.result.passages).toBe(4);
  expect(response.result.hits.every((hit) => hit.document === 'notes.md')).toBe(true);
  expect(response.result.hits[0]?.text).toBe('The invoice total and the price.');
});

test('an empty query or nothing to search gets a clear message', async ({ lab, page }) => {
  await openApp(page, '?task=search&backend=wasm');
  await page.getByTestId('search-query').fill('   ');
  const noQuery = await lab.failure('search', () => page.getByTestId('search-run').click());
  expect(noQuery.kind).toBe('InvalidInputError');
  expect(noQuery.message).toContain('nothing to search for');
  await page.getByTestId('search-builtin').uncheck();
  await page.getByTestId('search-query').fill('cat');
  const nothing = await lab.failure('search', () => page.getByTestId('search-run').click());
  expect(nothing.message).toContain('nothing to search in');
});
