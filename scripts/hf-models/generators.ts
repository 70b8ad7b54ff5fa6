// The model generators prepare-models knows, by the name a record gives in its `generator` field.
import { tinyBertFiles } from './tiny-bert';

export const MODEL_GENERATORS: Readonly<
  Record<string, { readonly script: string; files(): Record<string, Uint8Array> }>
> = {
  'tiny-bert': { script: 'scripts/hf-models/tiny-bert.ts', files: tinyBertFiles },
};
