// The Hub's hosts for a build and the reading of "owner/name@revision": the pure parts that the
// worker's allow-list, the UI and the served Content-Security-Policy share.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors';
import { DEFAULT_HUB_HOST, HUGGING_FACE_FILE_HOSTS, hubHosts } from './hub';
import { hubModelId, parseHubRef } from './hub-ref';

describe('hubHosts', () => {
  it('defaults to huggingface.co and the hosts it redirects downloads to', () => {
    const hosts = hubHosts(undefined, undefined);
    expect(hosts.host).toBe('https://huggingface.co');
    expect(hosts.origins).toEqual([DEFAULT_HUB_HOST, ...HUGGING_FACE_FILE_HOSTS]);
    expect(hosts.origins).toContain('https://cdn-lfs.hf.co');
    expect(hosts.origins).toContain('https://cas-bridge.xethub.hf.co');
  });

  it('takes a mirror as an origin, with only the file hosts given for it', () => {
    expect(hubHosts('https://mirror.example.org/some/path/', ' https://files.example.org , ')).toEqual({
      host: 'https://mirror.example.org',
      origins: ['https://mirror.example.org', 'https://files.example.org'],
    });
    expect(hubHosts('http://127.0.0.1:4999', '')).toEqual({
      host: 'http://127.0.0.1:4999',
      origins: ['http://127.0.0.1:4999'],
    });
  });

  it('refuses a host that is not an http(s) URL', () => {
    expect(() => hubHosts('huggingface.co')).toThrow(/not a URL/);
    expect(() => hubHosts('ftp://mirror.example.org')).toThrow(/http\(s\) origin/);
  });
});

describe('parseHubRef', () => {
  it('reads owner/name with main as the default revision', () => {
    expect(parseHubRef(' Xenova/distilbert-base-uncased-finetuned-sst-2-english ')).toEqual({
      repo: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
      revision: 'main',
    });
  });

  it('reads a revision after @ (branch, tag, commit)', () => {
    expect(parseHubRef('Xenova/bert@v1.0')).toEqual({ repo: 'Xenova/bert', revision: 'v1.0' });
    expect(parseHubRef('o/m@0123456789abcdef0123456789abcdef01234567').revision).toBe(
      '0123456789abcdef0123456789abcdef01234567',
    );
    expect(parseHubRef('gpt2')).toEqual({ repo: 'gpt2', revision: 'main' });
  });

  it('refuses what is not a repo id or revision, with an example', () => {
    for (const bad of ['', 'a/b/c', 'owner/na me', 'o/m@', 'o--x/m', 'o/m.git', 'https://huggingface.co/o/m'])
      expect(() => parseHubRef(bad), bad).toThrow(InvalidInputError);
    expect(() => parseHubRef('a/b/c')).toThrow(/not a Hub repository id .*e\.g\. Xenova\//);
  });

  it('gives an id no app-served model can have', () => {
    expect(hubModelId({ repo: 'o/m', revision: 'main' })).toBe('hub:o/m@main');
  });
});
