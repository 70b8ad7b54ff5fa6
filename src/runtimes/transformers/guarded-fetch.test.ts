// The fetch Transformers.js gets: other origins are refused unless allowed, files a record lists are
// verified against their sha256 (and a wrong one is refused), Hub files are hashed and cached (a
// second read is a hit without a request), probes and unknown files pass through untouched. A file the
// catalog keeps elsewhere (a variant's: in IndexedDB, or at its parent's URL) is read from there, verified.
import { describe, expect, it } from 'vitest';
import { ModelIntegrityError, ModelLoadError, NetworkBlockedError } from '../../core/errors';
import type { ModelFile } from '../../catalog/model-record';
import { guardedFetch } from './guarded-fetch';

const ORIGIN = 'http://app.test';
const BODY = new TextEncoder().encode('{"model_type":"bert"}');
// sha256 of BODY, computed with `printf '{"model_type":"bert"}' | sha256sum`.
const BODY_SHA = '7b5017c2bd719d8fee6106f62db9f686d79f1b86b2efb14fcbd581f41dd637d2';

const listed = (sha256: string): ModelFile => ({
  name: 'config.json',
  role: 'config',
  sha256,
  bytes: BODY.byteLength,
});

function setup(options: { allowed?: string[]; sha256?: string } = {}) {
  const requested: string[] = [];
  const reads: string[] = [];
  const fetch = guardedFetch({
    origin: ORIGIN,
    allowedOrigins: () => options.allowed ?? [],
    fileAt: (url) =>
      url.pathname === '/models/m/config.json'
        ? { kind: 'pinned', file: listed(options.sha256 ?? BODY_SHA), label: 'm/config.json', modelId: 'm' }
        : undefined,
    onRead: ({ modelId, bytes }) => reads.push(`${modelId}:${bytes}`),
    fetch: async (input) => {
      requested.push(String(input));
      return new Response(BODY.slice(), { status: 200 });
    },
  });
  return { fetch, requested, reads };
}

describe('guardedFetch', () => {
  it('refuses another origin without requesting it, naming the host and the switch', async () => {
    const { fetch, requested } = setup();
    const refused = fetch('https://huggingface.co/Xenova/x/resolve/main/config.json');
    await expect(refused).rejects.toBeInstanceOf(NetworkBlockedError);
    await expect(refused).rejects.toThrow(/https:\/\/huggingface\.co.*Hugging Face Hub is off/);
    expect(requested).toEqual([]);
  });

  it('lets an allowed host through', async () => {
    const { fetch, requested } = setup({ allowed: ['https://huggingface.co'] });
    const response = await fetch('https://huggingface.co/x/config.json');
    expect(response.status).toBe(200);
    expect(requested).toEqual(['https://huggingface.co/x/config.json']);
  });

  it('asks for the allowed hosts on every request, so switching the Hub off takes effect at once', async () => {
    let hubOn = true;
    const requested: string[] = [];
    const fetch = guardedFetch({
      origin: ORIGIN,
      allowedOrigins: () => (hubOn ? ['https://huggingface.co'] : []),
      fileAt: () => undefined,
      fetch: async (input) => {
        requested.push(String(input));
        return new Response('');
      },
    });
    await fetch('https://huggingface.co/o/m/resolve/main/config.json');
    hubOn = false;
    await expect(fetch('https://huggingface.co/o/m/resolve/main/config.json')).rejects.toBeInstanceOf(
      NetworkBlockedError,
    );
    await expect(fetch('https://cdn-lfs.hf.co/blob')).rejects.toBeInstanceOf(NetworkBlockedError);
    expect(requested).toEqual(['https://huggingface.co/o/m/resolve/main/config.json']);
  });

  it('verifies a listed file and hands over the same bytes', async () => {
    const { fetch, reads } = setup();
    const response = await fetch('/models/m/config.json');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(BODY);
    expect(reads).toEqual([`m:${BODY.byteLength}`]);
  });

  it('refuses a listed file whose sha256 differs', async () => {
    const { fetch } = setup({ sha256: 'f'.repeat(64) });
    await expect(fetch('/models/m/config.json')).rejects.toBeInstanceOf(ModelIntegrityError);
  });

  it('passes an unlisted same-origin file through unchecked', async () => {
    const { fetch, reads } = setup({ sha256: 'f'.repeat(64) });
    const response = await fetch('/models/m/generation_config.json');
    expect(response.status).toBe(200);
    expect(reads).toEqual([]);
  });

  it('answers a path the app knows it does not serve with a 404, without a request', async () => {
    const requested: string[] = [];
    const fetch = guardedFetch({
      origin: ORIGIN,
      allowedOrigins: () => [],
      fileAt: () => ({ kind: 'absent' }),
      fetch: async (input) => {
        requested.push(String(input));
        return new Response('');
      },
    });
    expect((await fetch('/models/owner/repo/config.json')).status).toBe(404);
    expect(requested).toEqual([]);
  });
});

describe('guardedFetch with Hub files', () => {
  const HUB = 'https://hub.test';
  const URL_CONFIG = `${HUB}/o/m/resolve/main/config.json`;

  function hubSetup(
    respond: (url: string) => Response | Promise<Response> = () => new Response(BODY.slice()),
  ) {
    const requested: string[] = [];
    const reads: unknown[] = [];
    const store = new Map<string, Response>();
    const fetch = guardedFetch({
      origin: ORIGIN,
      allowedOrigins: () => [HUB, 'https://cdn.hub.test'],
      fileAt: (url) =>
        url.href.startsWith(`${HUB}/o/m/resolve/main/`)
          ? { kind: 'remote', name: 'config.json', label: 'o/m@main/config.json', modelId: 'hub:o/m@main' }
          : undefined,
      cache: {
        match: async (key) => store.get(key)?.clone(),
        put: async (key, response) => void store.set(key, response),
      },
      onRead: ({ ms: _ms, ...read }) => reads.push(read),
      fetch: async (input, init) => {
        requested.push(`${new Headers(init?.headers).get('Range') ?? 'GET'} ${String(input)}`);
        return respond(String(input));
      },
    });
    return { fetch, requested, reads, store };
  }

  it('hashes a Hub file without verifying it, keeps it, and reads it from the cache the second time', async () => {
    const { fetch, requested, reads, store } = hubSetup();
    const first = await fetch(URL_CONFIG);
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(BODY);
    const second = await fetch(URL_CONFIG);
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(BODY);
    expect(requested).toEqual([`GET ${URL_CONFIG}`]);
    expect([...store.keys()]).toEqual([URL_CONFIG]);
    const read = { name: 'config.json', bytes: BODY.byteLength, sha256: BODY_SHA, pinned: false };
    expect(reads).toEqual([
      { modelId: 'hub:o/m@main', ...read, cache: 'miss' },
      { modelId: 'hub:o/m@main', ...read, cache: 'hit' },
    ]);
  });

  it('passes a size probe (Range) through unhashed and uncached, and answers it from the cache once kept', async () => {
    const { fetch, requested, reads, store } = hubSetup();
    const probe = () => fetch(URL_CONFIG, { headers: { Range: 'bytes=0-0' } });
    expect((await probe()).status).toBe(200);
    expect(store.size).toBe(0);
    expect(reads).toEqual([]);
    await fetch(URL_CONFIG);
    await probe();
    expect(requested).toEqual([`bytes=0-0 ${URL_CONFIG}`, `GET ${URL_CONFIG}`]);
  });

  it('refuses a download redirected to a host that is not allowed', async () => {
    const { fetch } = hubSetup(() => {
      const response = new Response(BODY.slice());
      Object.defineProperty(response, 'url', { value: 'https://elsewhere.test/blob' });
      return response;
    });
    await expect(fetch(URL_CONFIG)).rejects.toBeInstanceOf(NetworkBlockedError);
  });

  it('says the network is down when the Hub cannot be reached, naming the file', async () => {
    const { fetch } = hubSetup(() => Promise.reject(new TypeError('Failed to fetch')));
    const failed = fetch(URL_CONFIG);
    await expect(failed).rejects.toBeInstanceOf(ModelLoadError);
    await expect(failed).rejects.toThrow(
      /Could not reach https:\/\/hub\.test for o\/m@main\/config\.json: the network seems to be down/,
    );
  });
});

describe('guardedFetch, a file the catalog keeps elsewhere (a variant’s)', () => {
  const variantFile = (
    sha256: string,
    where: { url?: string; read?: () => Promise<Uint8Array> | undefined },
  ) => {
    const requested: string[] = [];
    const reads: string[] = [];
    const fetch = guardedFetch({
      origin: ORIGIN,
      allowedOrigins: () => [],
      fileAt: () => ({
        kind: 'pinned',
        file: listed(sha256),
        label: 'm~q4/config.json',
        modelId: 'm~q4',
        ...where,
      }),
      onRead: ({ modelId, name, pinned }) => reads.push(`${modelId}:${name}:${String(pinned)}`),
      fetch: async (input) => {
        requested.push(String(input));
        return new Response(BODY.slice(), { status: 200 });
      },
    });
    return { fetch, requested, reads };
  };

  it('reads bytes a source keeps (IndexedDB) without a request, verified', async () => {
    const { fetch, requested, reads } = variantFile(BODY_SHA, { read: async () => BODY.slice() });
    const response = await fetch('/models/m~q4/config.json');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(BODY);
    expect(requested).toEqual([]);
    expect(reads).toEqual(['m~q4:config.json:true']);
  });

  it('refuses kept bytes whose sha256 is not the record’s', async () => {
    const { fetch } = variantFile('0'.repeat(64), { read: async () => BODY.slice() });
    await expect(fetch('/models/m~q4/config.json')).rejects.toBeInstanceOf(ModelIntegrityError);
  });

  it('fetches a file from where the catalog says it is (the parent’s URL) when no source keeps it', async () => {
    const { fetch, requested, reads } = variantFile(BODY_SHA, {
      url: `${ORIGIN}/models/m/config.json`,
      read: () => undefined,
    });
    const response = await fetch('/models/m~q4/config.json');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(BODY);
    expect(requested).toEqual([`${ORIGIN}/models/m/config.json`]);
    expect(reads).toEqual(['m~q4:config.json:true']);
  });
});
