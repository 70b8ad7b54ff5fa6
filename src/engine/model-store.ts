// Fetches registry model files from the app's own origin with byte progress, verifies each against
// the registry's sha256 before anything parses it, and keeps verified bytes in memory so switching
// backends does not download again.

import { ModelLoadError } from './errors';
import { verifyModelFile } from '../models/integrity';
import type { ModelFile, ModelRecord } from '../models/registry';

export interface FetchProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

export interface FetchedFile {
  readonly bytes: Uint8Array;
  readonly fetchMs: number;
  /** True when served from this store's memory rather than the network / HTTP cache. */
  readonly fromMemory: boolean;
}

async function readWithProgress(
  response: Response,
  totalBytes: number,
  onProgress: (loaded: number) => void,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(Math.min(loaded, totalBytes));
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export class ModelStore {
  private readonly verified = new Map<string, Uint8Array>();

  constructor(private readonly appBaseUrl: string) {}

  fileUrl(model: ModelRecord, file: ModelFile): string {
    return new URL(`models/${model.id}/${file.name}`, this.appBaseUrl).href;
  }

  async fetchFile(
    model: ModelRecord,
    file: ModelFile,
    onProgress?: (progress: FetchProgress) => void,
  ): Promise<FetchedFile> {
    const key = `${model.id}/${file.name}`;
    const cached = this.verified.get(key);
    if (cached) return { bytes: cached, fetchMs: 0, fromMemory: true };
    const started = performance.now();
    const url = this.fileUrl(model, file);
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new ModelLoadError(`Could not download ${key} from ${url}: ${String(error)}`);
    }
    if (!response.ok) {
      throw new ModelLoadError(
        `Could not download ${key}: the server answered ${response.status} ${response.statusText}. ` +
          'Run `npm run prepare-models` to copy the models into public/models/.',
      );
    }
    const bytes = await readWithProgress(response, file.bytes, (loadedBytes) =>
      onProgress?.({ file: key, loadedBytes, totalBytes: file.bytes }),
    );
    await verifyModelFile(bytes, { sha256: file.sha256, bytes: file.bytes }, key);
    this.verified.set(key, bytes);
    return { bytes, fetchMs: performance.now() - started, fromMemory: false };
  }
}
