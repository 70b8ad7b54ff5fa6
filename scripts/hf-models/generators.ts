// The model generators prepare-models knows, by the name a record gives in its `generator` field.
import { tinyBertFiles } from './tiny-bert';
import { tinyDecoderFiles } from './tiny-decoder';
import { tinyImageClassifierFiles } from './tiny-image-classifier';

export const MODEL_GENERATORS: Readonly<
  Record<string, { readonly script: string; files(): Record<string, Uint8Array> }>
> = {
  'tiny-bert': { script: 'scripts/hf-models/tiny-bert.ts', files: tinyBertFiles },
  'tiny-decoder': { script: 'scripts/hf-models/tiny-decoder.ts', files: tinyDecoderFiles },
  'tiny-image-classifier': {
    script: 'scripts/hf-models/tiny-image-classifier.ts',
    files: tinyImageClassifierFiles,
  },
};
