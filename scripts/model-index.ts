// models/index.json is how the app finds the models written into public/models/ after the build's own
// (those `npm run models:fetch` downloads, the variants `npm run optimize` makes). One writer for it,
// so both scripts keep it the same way: sorted ids, each once, replaced atomically.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelIndex } from '../src/catalog/fetched-models';

/** Lists the model in <modelsDir>/index.json (kept once, in order), creating the index if needed. */
export function addToModelIndex(modelsDir: string, id: string): void {
  const path = join(modelsDir, 'index.json');
  const index: ModelIndex = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as ModelIndex)
    : { schema: 'on-device-lab/model-index@1', models: [] };
  const updated: ModelIndex = { ...index, models: [...new Set([...index.models, id])].sort() };
  writeFileSync(`${path}.partial`, `${JSON.stringify(updated, null, 2)}\n`);
  renameSync(`${path}.partial`, path);
}
