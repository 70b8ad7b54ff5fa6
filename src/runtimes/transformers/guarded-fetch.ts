// The fetch Transformers.js uses in this app (env.fetch). Every request it makes passes here, so the
// promises hold in code, not only in settings: nothing leaves the page's origin unless the caller
// allows a host (the Hub and its file hosts, only while the user has the Hub switched on), every file
// a model record lists is checked against its sha256 before Transformers.js parses it (also one the
// catalog keeps elsewhere: a variant's model file in IndexedDB, its config at its parent's URL), and a Hub
// file's sha256 is computed and reported (there is no manifest to check it against). Hub files are
// kept in the Hub cache here (see hub-cache.ts for why here and not in Transformers.js's own cache),
// and every file read is reported for the load report, with whether it came from that cache.

import { ModelLoadError, NetworkBlockedError, errorMessage } from '../../core/errors';
import { sha256Hex, verifyModelFile } from '../../catalog/integrity';
import type { FileRead, ModelFile } from '../../catalog/model-record';
import type { FileCache } from './hub-cache';

/** What a URL serves, as the caller's catalog knows it. */
export type FileTarget =
  /** A file a record lists, with its sha256: verified. `url` is where it is fetched from when that is
   * not the URL asked for; `read` gives its bytes when a catalog source keeps them (no request). */
  | {
      readonly kind: 'pinned';
      readonly file: ModelFile;
      readonly label: string;
      readonly modelId: string;
      readonly url?: string;
      readonly read?: () => Promise<Uint8Array> | undefined;
    }
  /** A file of a Hub model: hashed, cached, not verified. */
  | { readonly kind: 'remote'; readonly name: string; readonly label: string; readonly modelId: string }
  /** A path this app knows it does not serve (a Hub model's files under models/): a 404 without a request. */
  | { readonly kind: 'absent' };

export interface GuardedFetchOptions {
  /** The page's origin; always allowed. */
  readonly origin: string;
  /** Further origins allowed (the Hub host and its file hosts when the user switched the Hub on). */
  readonly allowedOrigins: () => readonly string[];
  /** What a URL serves, if the catalog knows. */
  readonly fileAt: (url: URL) => FileTarget | undefined;
  /** Called after each read of a known file, with the model the file belongs to. */
  readonly onRead?: (read: FileRead & { readonly modelId: string; readonly ms: number }) => void;
  /** Where Hub files are kept between loads. */
  readonly cache?: FileCache;
  readonly fetch?: typeof globalThis.fetch;
}

function isRangeRequest(input: RequestInfo | URL, init: RequestInit | undefined): boolean {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  return headers.has('Range');
}

export function guardedFetch(options: GuardedFetchOptions): typeof globalThis.fetch {
  const fetchFrom = options.fetch ?? globalThis.fetch.bind(globalThis);
  const assertAllowed = (url: URL) => {
    if (url.origin === options.origin || options.allowedOrigins().includes(url.origin)) return;
    throw new NetworkBlockedError(
      `Blocked a request to ${url.origin}: models load only from this app (${options.origin}) while ` +
        'the Hugging Face Hub is off. Turn on "Hugging Face Hub" in the settings to download from the Hub.',
    );
  };
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), options.origin);
    assertAllowed(url);
    const target = options.fileAt(url);
    if (target?.kind === 'absent') return new Response(null, { status: 404, statusText: 'Not Found' });
    // Transformers.js asks for one byte (Range: bytes=0-0) to learn a file's size for its progress
    // totals; such a probe is never verified, hashed or cached, and a cached file answers it itself.
    const probe = isRangeRequest(input, init);
    const started = performance.now();
    if (target?.kind === 'remote' && options.cache) {
      const cached = await options.cache.match(url.href);
      if (cached && probe) return cached;
      if (cached) {
        const bytes = new Uint8Array(await cached.arrayBuffer());
        options.onRead?.({
          modelId: target.modelId,
          name: target.name,
          bytes: bytes.byteLength,
          sha256: await sha256Hex(bytes),
          pinned: false,
          cache: 'hit',
          ms: performance.now() - started,
        });
        return new Response(bytes, { status: 200, headers: cached.headers });
      }
    }
    const stored = target?.kind === 'pinned' && !probe ? target.read?.() : undefined;
    if (target?.kind === 'pinned' && stored) {
      const bytes = await stored;
      await verifyModelFile(bytes, { sha256: target.file.sha256, bytes: target.file.bytes }, target.label);
      options.onRead?.({
        modelId: target.modelId,
        name: target.file.name,
        bytes: bytes.byteLength,
        sha256: target.file.sha256,
        pinned: true,
        ms: performance.now() - started,
      });
      return new Response(new Uint8Array(bytes), {
        status: 200,
        headers: { 'content-length': String(bytes.byteLength) },
      });
    }
    let response: Response;
    try {
      response = await fetchFrom(target?.kind === 'pinned' && target.url ? target.url : input, init);
    } catch (error) {
      if (target?.kind !== 'remote') throw error;
      throw new ModelLoadError(
        `Could not reach ${url.origin} for ${target.label}: the network seems to be down or the host ` +
          `unreachable (${errorMessage(error)}). Files already in the Hub cache load without it.`,
      );
    }
    // Redirects (the Hub sends large files to its file hosts) must end on an allowed host too; the
    // Content-Security-Policy already stops others, this says so in words.
    if (response.url) assertAllowed(new URL(response.url));
    if (!target || probe || !response.ok) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    headers.set('content-length', String(bytes.byteLength));
    let sha256: string;
    if (target.kind === 'pinned') {
      await verifyModelFile(bytes, { sha256: target.file.sha256, bytes: target.file.bytes }, target.label);
      sha256 = target.file.sha256;
    } else {
      sha256 = await sha256Hex(bytes);
      await options.cache?.put(url.href, new Response(bytes.slice(), { status: 200, headers }));
    }
    options.onRead?.({
      modelId: target.modelId,
      name: target.kind === 'pinned' ? target.file.name : target.name,
      bytes: bytes.byteLength,
      sha256,
      pinned: target.kind === 'pinned',
      ...(target.kind === 'remote' && options.cache ? { cache: 'miss' as const } : {}),
      ms: performance.now() - started,
    });
    return new Response(bytes, { status: response.status, statusText: response.statusText, headers });
  };
}
