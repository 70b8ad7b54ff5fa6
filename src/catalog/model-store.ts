// Fetches model files from where their catalog source says they are (the app's own origin for the
// built-in models) with byte progress, verifies each against its record's sha256 before anything
// parses it, and keeps verified bytes in memory so switching backends does not download again.
// Verified bytes also go into the browser's Cache Storage under their sha256, so a repeat visit reads
// them locally without a request or a revalidation; a file whose record changes gets a new key.
// A source that keeps its files itself (variants saved in IndexedDB) is read from there, and checked
// against the sha256 the same way.

import { ModelLoadError } from '../core/errors';
import type { ModelCatalog } from './catalog';
import { verifyModelFile } from './integrity';
import type { ModelFile, ModelRecord } from './model-record';

export interface FetchProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

export interface FetchedFile {
  readonly bytes: Uint8Array;
  readonly fetchMs: number;
  /** Where the bytes came from: this store's memory, Cache Storage, IndexedDB (a variant made in this
   * browser), the browser's HTTP cache, or the network. */
  readonly source: 'memory' | 'cache-storage' | 'indexeddb' | 'http-cache' | 'network';
}

/**
 * A body served from the HTTP cache is not transferred (Resource Timing, same origin): transferSize is 0,
 * or just the headers of a 304 revalidation, less than the body itself.
 */
function responseSource(url: string): 'http-cache' | 'network' {
  const entries = performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[];
  const last = entries[entries.length - 1];
  return last && last.encodedBodySize > 0 && last.transferSize < last.encodedBodySize
    ? 'http-cache'
    : 'network';
}

/** A download reports its progress at most this many times. */
const PROGRESS_STEPS = 100;

export async function readWithProgress(
  response: Response,
  totalBytes: number,
  onProgress: (loaded: number) => void,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    // Each report crosses to the page and re-renders it; one per percent is smooth enough and keeps
    // a download of many small chunks from competing with the runtime for the CPU.
    if (loaded - reported >= totalBytes / PROGRESS_STEPS || loaded >= totalBytes) {
      reported = loaded;
      onProgress(Math.min(loaded, totalBytes));
    }
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The Cache Storage bucket; the version in its name lets a future layout start afresh. */
const CACHE_NAME = 'on-device-lab-models-v1';

export class ModelStore {
  private readonly verified = new Map<string, Uint8Array>();

  constructor(
    private readonly appBaseUrl: string,
    private readonly catalog: Pick<ModelCatalog, 'fileUrl' | 'readStoredFile'>,
  ) {}

  /** A same-origin URL named by the content's hash: never requested, only a Cache Storage key. */
  private cacheKey(file: ModelFile): string {
    return new URL(`__model-cache/${file.sha256}`, this.appBaseUrl).href;
  }

  /** Verified bytes kept in Cache Storage, or undefined (no entry, no Cache Storage, or bad bytes). */
  private async fromCacheStorage(file: ModelFile, key: string): Promise<Uint8Array | undefined> {
    if (typeof caches === 'undefined') return undefined;
    try {
      const cache = await caches.open(CACHE_NAME);
      const response = await cache.match(this.cacheKey(file));
      if (!response) return undefined;
      const bytes = new Uint8Array(await response.arrayBuffer());
      try {
        await verifyModelFile(bytes, { sha256: file.sha256, bytes: file.bytes }, key);
        return bytes;
      } catch {
        await cache.delete(this.cacheKey(file));
        return undefined;
      }
    } catch {
      // Cache Storage can be unavailable (private windows, quota); the network still works.
      return undefined;
    }
  }

  private async toCacheStorage(file: ModelFile, bytes: Uint8Array): Promise<void> {
    if (typeof caches === 'undefined') return;
    try {
      const cache = await caches.open(CACHE_NAME);
      await cache.put(this.cacheKey(file), new Response(bytes.slice().buffer));
    } catch {
      // Out of quota or unavailable: the file is simply fetched again next time.
    }
  }

  fileUrl(model: ModelRecord, file: ModelFile): string {
    return new URL(this.catalog.fileUrl(model, file), this.appBaseUrl).href;
  }

  /** `fresh` skips this store's memory, so a benchmark times a real read (Cache Storage, HTTP cache or network). */
  async fetchFile(
    model: ModelRecord,
    file: ModelFile,
    onProgress?: (progress: FetchProgress) => void,
    fresh = false,
  ): Promise<FetchedFile> {
    const key = `${model.id}/${file.name}`;
    // Keyed by content too: a variant made again under the same id has other bytes.
    const memoryKey = `${key}@${file.sha256}`;
    const cached = this.verified.get(memoryKey);
    if (cached && !fresh) return { bytes: cached, fetchMs: 0, source: 'memory' };
    const started = performance.now();
    const storedBySource = this.catalog.readStoredFile(model, file);
    if (storedBySource) {
      const bytes = await storedBySource;
      await verifyModelFile(bytes, { sha256: file.sha256, bytes: file.bytes }, key);
      onProgress?.({ file: key, loadedBytes: bytes.byteLength, totalBytes: file.bytes });
      this.verified.set(memoryKey, bytes);
      return { bytes, fetchMs: performance.now() - started, source: 'indexeddb' };
    }
    const stored = await this.fromCacheStorage(file, key);
    if (stored) {
      onProgress?.({ file: key, loadedBytes: stored.byteLength, totalBytes: file.bytes });
      this.verified.set(memoryKey, stored);
      return { bytes: stored, fetchMs: performance.now() - started, source: 'cache-storage' };
    }
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
    this.verified.set(memoryKey, bytes);
    const fetched: FetchedFile = { bytes, fetchMs: performance.now() - started, source: responseSource(url) };
    // Not awaited: storing is for the next visit and must not delay this one.
    void this.toCacheStorage(file, bytes);
    return fetched;
  }
}
