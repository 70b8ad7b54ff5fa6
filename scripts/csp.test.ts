// The served Content-Security-Policy is one policy: the one vite.config.ts sends from `vite preview` is
// the one public/_headers gives static hosts, and it allows connections to the page's own origin and
// exactly the configured Hub host with the hosts it redirects downloads to, nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_HOST, HUGGING_FACE_FILE_HOSTS, hubHosts } from '../src/core/hub';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, HUB_HOSTS } from '../vite.config';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('the Content-Security-Policy', () => {
  it('is, for the default Hub host, the one in public/_headers', () => {
    const headers = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    const line = headers.split('\n').find((text) => text.trim().startsWith('Content-Security-Policy:'));
    expect(line?.trim()).toBe(`Content-Security-Policy: ${contentSecurityPolicy(hubHosts().origins)}`);
  });

  it('is built from the Hub hosts of this build', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(contentSecurityPolicy(HUB_HOSTS.origins));
  });

  it('allows connections to the own origin and the Hub with its download hosts only', () => {
    const policy = directives(contentSecurityPolicy(hubHosts().origins));
    expect(policy.get('connect-src')).toEqual(["'self'", DEFAULT_HUB_HOST, ...HUGGING_FACE_FILE_HOSTS]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('follows a mirror: only the mirror and the file hosts given for it', () => {
    const policy = directives(
      contentSecurityPolicy(hubHosts('https://hub.example.org', 'https://files.example.org').origins),
    );
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://hub.example.org',
      'https://files.example.org',
    ]);
  });
});
