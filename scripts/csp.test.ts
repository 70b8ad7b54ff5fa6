// The served Content-Security-Policy is one policy: the one vite.config.ts sends from `vite preview` is
// the one public/_headers gives static hosts, and it keeps connections on the page's own origin.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../vite.config';

describe('the Content-Security-Policy', () => {
  it('is the same in vite.config.ts and public/_headers', () => {
    const headers = readFileSync(new URL('../public/_headers', import.meta.url), 'utf8');
    const line = headers.split('\n').find((text) => text.trim().startsWith('Content-Security-Policy:'));
    expect(line?.trim()).toBe(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`);
  });

  it('allows connections to the own origin only', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });
});
