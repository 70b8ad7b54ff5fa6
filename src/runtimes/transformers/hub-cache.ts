// Where Hub files are kept between loads: one Cache Storage cache of this app, written by the
// guarded fetch (guarded-fetch.ts), keyed by the file's resolve/ URL (host, repo, revision, path).
// Why our own cache rather than Transformers.js's `useBrowserCache`: that switch is global, so it would
// also store the app's own models a second time (they are served by this origin and, for ORT models,
// already kept by ModelStore), and it reports neither hits nor misses. Caching inside the fetch that
// already sees every Hub byte keeps only Hub files, says hit or miss per file, and stays behind the
// Hub switch (with the Hub off no Hub URL is ever asked for, cached or not).

/** What the guarded fetch needs of a cache (the Cache API's match and put). */
export interface FileCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

export interface CachedFile {
  readonly url: string;
  readonly bytes: number;
}

export const HUB_CACHE_NAME = 'on-device-lab-hub-v1';

/** The Hub cache in Cache Storage; a failing put (quota) is skipped, the load goes on. */
export function hubCache(): FileCache {
  return {
    match: async (key) => (await caches.open(HUB_CACHE_NAME)).match(key),
    put: async (key, response) => {
      try {
        await (await caches.open(HUB_CACHE_NAME)).put(key, response);
      } catch (error) {
        console.warn(`Could not keep ${key} in the Hub cache: ${String(error)}`);
      }
    },
  };
}

/** Every file in the Hub cache with its size. */
export async function listHubCache(): Promise<CachedFile[]> {
  const cache = await caches.open(HUB_CACHE_NAME);
  const files: CachedFile[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const length = Number(response?.headers.get('content-length') ?? NaN);
    const bytes = Number.isFinite(length) ? length : ((await response?.blob())?.size ?? 0);
    files.push({ url: request.url, bytes });
  }
  return files.sort((a, b) => a.url.localeCompare(b.url));
}

export async function clearHubCache(): Promise<void> {
  await caches.delete(HUB_CACHE_NAME);
}
