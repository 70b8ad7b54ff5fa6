// Moves what the benchmark page holds in typed arrays (inputs and the wasm reference's outputs)
// into Node for the native reference run. Playwright passes JSON, so arrays travel as base64.

import type { Page } from '@playwright/test';
import type { BrowserReference } from './native-runner';

interface EncodedReference {
  readonly backendConfigId: string;
  readonly input:
    { kind: 'image'; width: number; height: number; data: string } | { kind: 'speech'; samples16k: string };
  readonly tensors: Record<string, string>;
  readonly task: BrowserReference['outputs']['task'];
}

function bytesOf(base64: string): Uint8Array {
  // Copied into a fresh buffer: a Buffer's offset need not suit a Float32Array view.
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

const floats = (base64: string) => new Float32Array(bytesOf(base64).buffer);

/**
 * Runs in the page. Kept as source text: tsx (esbuild with keepNames) would wrap named functions
 * in a `__name` helper that does not exist in the page.
 */
const ENCODE_REFERENCES_IN_PAGE = `(() => {
  const toBase64 = (typed) => {
    const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
    let text = '';
    for (let offset = 0; offset < bytes.length; offset += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
    }
    return btoa(text);
  };
  const references = (window.onDeviceLab && window.onDeviceLab.benchReferences) || {};
  return Object.fromEntries(Object.entries(references).map(([modelId, reference]) => {
    const input = reference.input;
    return [modelId, {
      backendConfigId: reference.backendConfigId,
      input: input.kind === 'image'
        ? { kind: 'image', width: input.image.width, height: input.image.height, data: toBase64(input.image.data) }
        : { kind: 'speech', samples16k: toBase64(input.samples16k) },
      tensors: Object.fromEntries(Object.entries(reference.outputs.tensors).map(([name, values]) => [name, toBase64(values)])),
      task: reference.outputs.task,
    }];
  }));
})()`;

/** Every model's input and wasm outputs from the page's automation hook (`window.onDeviceLab`). */
export async function readBrowserReferences(page: Page): Promise<Record<string, BrowserReference>> {
  const encoded = (await page.evaluate(ENCODE_REFERENCES_IN_PAGE)) as Record<string, EncodedReference>;
  return Object.fromEntries(
    Object.entries(encoded).map(([modelId, reference]) => {
      const { input } = reference;
      return [
        modelId,
        {
          backendConfigId: reference.backendConfigId,
          input:
            input.kind === 'image'
              ? {
                  kind: 'image',
                  image: {
                    width: input.width,
                    height: input.height,
                    data: new Uint8ClampedArray(bytesOf(input.data).buffer),
                  },
                }
              : { kind: 'speech', samples16k: floats(input.samples16k) },
          outputs: {
            tensors: Object.fromEntries(
              Object.entries(reference.tensors).map(([name, data]) => [name, floats(data)]),
            ),
            task: reference.task,
          },
        },
      ];
    }),
  );
}
