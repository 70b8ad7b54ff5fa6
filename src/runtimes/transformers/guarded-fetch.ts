// The fetch Transformers.js uses in this app (env.fetch). Every request it makes passes here, so two
// promises hold in code, not only in settings: nothing leaves the page's origin unless the caller
// allows a host, and every file a model record lists is checked against its sha256 before
// Transformers.js parses it. A file the caller knows is absent gets a 404 here rather than whatever
// the server answers for a missing path. It also counts what was read, for the load report.

import { NetworkBlockedError } from '../../core/errors';
import { verifyModelFile } from '../../catalog/integrity';
import type { ModelFile } from '../../catalog/model-record';

export interface GuardedFetchOptions {
  /** The page's origin; always allowed. */
  readonly origin: string;
  /** Further origins allowed (the Hub host when the user switched it on). */
  readonly allowedOrigins: () => readonly string[];
  /** The record file a URL serves (and its model), if any, so its bytes can be verified. */
  readonly fileAt: (
    url: URL,
  ) => { readonly file: ModelFile; readonly label: string; readonly modelId: string } | undefined;
  /** Same-origin files known not to exist: answered 404 without a request. */
  readonly isAbsent?: (url: URL) => boolean;
  /** Called after each verified read, with the model the file belongs to. */
  readonly onRead?: (read: { readonly modelId: string; readonly bytes: number; readonly ms: number }) => void;
  readonly fetch?: typeof globalThis.fetch;
}

export function guardedFetch(options: GuardedFetchOptions): typeof globalThis.fetch {
  const fetchFrom = options.fetch ?? globalThis.fetch.bind(globalThis);
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), options.origin);
    const allowed = [options.origin, ...options.allowedOrigins()];
    if (!allowed.includes(url.origin)) {
      throw new NetworkBlockedError(
        `Blocked a request to ${url.origin}: models load only from this app (${options.origin}) while ` +
          'Hugging Face Hub models are off. Switch them on to download from the Hub.',
      );
    }
    if (options.isAbsent?.(url)) return new Response(null, { status: 404, statusText: 'Not Found' });
    const started = performance.now();
    const response = await fetchFrom(input, init);
    const expected = options.fileAt(url);
    if (!expected || !response.ok) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    await verifyModelFile(
      bytes,
      { sha256: expected.file.sha256, bytes: expected.file.bytes },
      expected.label,
    );
    options.onRead?.({ modelId: expected.modelId, bytes: bytes.byteLength, ms: performance.now() - started });
    return new Response(bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
