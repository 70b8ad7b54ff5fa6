// The fetch Transformers.js gets: other origins are refused unless allowed, files a record lists are
// verified against their sha256 (and a wrong one is refused), files known to be absent get a 404
// without a request, other files pass through untouched.
import { describe, expect, it } from 'vitest';
import { ModelIntegrityError, NetworkBlockedError } from '../../core/errors';
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

function setup(options: { allowed?: string[]; sha256?: string; absent?: string } = {}) {
  const requested: string[] = [];
  const reads: string[] = [];
  const fetch = guardedFetch({
    origin: ORIGIN,
    allowedOrigins: () => options.allowed ?? [],
    fileAt: (url) =>
      url.pathname === '/models/m/config.json'
        ? { file: listed(options.sha256 ?? BODY_SHA), label: 'm/config.json', modelId: 'm' }
        : undefined,
    isAbsent: (url) => url.pathname === options.absent,
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
    await expect(refused).rejects.toThrow(/https:\/\/huggingface\.co.*Hub models are off/);
    expect(requested).toEqual([]);
  });

  it('lets an allowed host through', async () => {
    const { fetch, requested } = setup({ allowed: ['https://huggingface.co'] });
    const response = await fetch('https://huggingface.co/x/config.json');
    expect(response.status).toBe(200);
    expect(requested).toEqual(['https://huggingface.co/x/config.json']);
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

  it('answers a file known to be absent with a 404 without requesting it', async () => {
    const { fetch, requested } = setup({ absent: '/models/m/tokenizer.json' });
    const response = await fetch('/models/m/tokenizer.json');
    expect(response.status).toBe(404);
    expect(requested).toEqual([]);
  });
});
