// The catalog `npm run bench` checks its --models against: the built-in models, then those
// `npm run models:fetch` put under public/models (listed in public/models/index.json), as the app's
// worker sees them, so a fetched Hub model is benchmarked by the same id it has in the app.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog, staticSource, type ModelCatalog } from '../../src/catalog/catalog';
import { loadFetchedModels } from '../../src/catalog/fetched-models';
import { BUILTIN_MODELS } from '../../src/tasks';

export async function localCatalog(publicDir = 'public'): Promise<ModelCatalog> {
  const { records, skipped } = await loadFetchedModels(async (path) => {
    const file = join(publicDir, path);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
  });
  if (skipped.length > 0)
    console.warn(`Fetched models without a readable manifest, left out: ${skipped.join(', ')}`);
  return createCatalog([
    staticSource('built-in', BUILTIN_MODELS),
    staticSource('fetched from the Hub', records),
  ]);
}
