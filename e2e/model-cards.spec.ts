// Every registry model has a card built from its manifest, with the registry's licence and sha256.
import { BUILTIN_MODELS } from '../src/tasks';
import { expect, openApp, test } from './support/lab';

test('model cards show licence, size and sha256 for every model', async ({ page }) => {
  await openApp(page, '?task=models');
  for (const model of BUILTIN_MODELS) {
    const card = page.getByTestId(`model-card-${model.id}`);
    await expect(card).toContainText(model.displayName);
    await expect(card.getByTestId('model-license')).toHaveText(model.license);
    for (const file of model.files) await expect(card).toContainText(file.sha256);
    await expect(card).toContainText(model.npmPackage);
  }
});
