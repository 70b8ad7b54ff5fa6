import { describe, expect, it } from 'vitest';
import { backendConfigFromId, defaultBackendConfigIds, orderForRun } from './backend-configs';

describe('backendConfigFromId', () => {
  it('reads wasm thread counts and GPU backends', () => {
    expect(backendConfigFromId('wasm-1t', 4)).toEqual({ id: 'wasm-1t', backend: 'wasm', threads: 1 });
    expect(backendConfigFromId('wasm-8t', 4)).toEqual({ id: 'wasm-8t', backend: 'wasm', threads: 8 });
    expect(backendConfigFromId('webgpu', 4)).toEqual({ id: 'webgpu', backend: 'webgpu', threads: 4 });
    expect(backendConfigFromId('webnn', 2)).toEqual({ id: 'webnn', backend: 'webnn', threads: 2 });
    expect(backendConfigFromId('wasm', 4)).toEqual({ id: 'wasm', backend: 'wasm', threads: 4 });
  });

  it('reads a runtime build asked for after @', () => {
    expect(backendConfigFromId('wasm-2t@jsep', 4)).toEqual({
      id: 'wasm-2t@jsep',
      backend: 'wasm',
      threads: 2,
      build: 'jsep',
    });
    expect(backendConfigFromId('webgpu@jspi', 4)).toEqual({
      id: 'webgpu@jspi',
      backend: 'webgpu',
      threads: 4,
      build: 'jspi',
    });
    expect(() => backendConfigFromId('cuda@jspi', 2)).toThrow(/Unknown backend "cuda@jspi"/);
    expect(() => backendConfigFromId('wasm-1t@', 2)).toThrow(/Unknown backend "wasm-1t@"/);
  });

  it('reads session options after ~ as key=value text, keeping the id as written', () => {
    expect(backendConfigFromId('wasm-1t~opt=basic', 4)).toEqual({
      id: 'wasm-1t~opt=basic',
      backend: 'wasm',
      threads: 1,
      options: { opt: 'basic' },
    });
    expect(backendConfigFromId('wasm-2t@jsep~arena=off~mempattern=off', 4)).toEqual({
      id: 'wasm-2t@jsep~arena=off~mempattern=off',
      backend: 'wasm',
      threads: 2,
      build: 'jsep',
      options: { arena: 'off', mempattern: 'off' },
    });
    expect(backendConfigFromId('webgpu~x-2=A:b;c:1', 4)).toEqual({
      id: 'webgpu~x-2=A:b;c:1',
      backend: 'webgpu',
      threads: 4,
      options: { 'x-2': 'A:b;c:1' },
    });
    // Names and values are not checked here: that is the runtime's, when it creates the session.
    expect(backendConfigFromId('wasm~opt=bogus~whatever=1', 2).options).toEqual({
      opt: 'bogus',
      whatever: '1',
    });
    // Everything after the first ~ is options, so a build written there is an option's value.
    expect(backendConfigFromId('wasm-1t~opt=basic@jsep', 2)).toEqual({
      id: 'wasm-1t~opt=basic@jsep',
      backend: 'wasm',
      threads: 1,
      options: { opt: 'basic@jsep' },
    });
  });

  it('refuses misspelt session options, naming the part', () => {
    const spelling = /must be written ~key=value, the key of lower-case letters, digits and hyphens/;
    for (const id of [
      'wasm-1t~',
      'wasm-1t~opt',
      'wasm-1t~opt=',
      'wasm-1t~=basic',
      'wasm-1t~Opt=basic',
      'wasm-1t~o_t=1',
    ]) {
      expect(() => backendConfigFromId(id, 2), id).toThrow(spelling);
    }
    expect(() => backendConfigFromId('wasm-1t~opt', 2)).toThrow(
      '"wasm-1t~opt": session option "~opt" must be',
    );
    expect(() => backendConfigFromId('wasm-1t~opt=a b', 2)).toThrow(spelling);
    expect(() => backendConfigFromId('wasm-1t~opt=basic~opt=all', 2)).toThrow(
      '"wasm-1t~opt=basic~opt=all": session option "opt" is given twice.',
    );
    expect(() => backendConfigFromId('cuda~opt=basic', 2)).toThrow(/Unknown backend "cuda~opt=basic"/);
    expect(() => backendConfigFromId('wasm-0t~opt=basic', 2)).toThrow(/1 to 64/);
  });

  it('explains unknown ids', () => {
    expect(() => backendConfigFromId('wasm-t', 2)).toThrow(/Unknown backend "wasm-t"/);
    expect(() => backendConfigFromId('cuda', 2)).toThrow(
      'Unknown backend "cuda". Use wasm, wasm-1t, wasm-<N>t, webgpu or webnn, optionally with @<build> (e.g. wasm-2t@jsep) and ~key=value session options (e.g. wasm-1t~opt=basic).',
    );
    expect(() => backendConfigFromId('wasm-0t', 2)).toThrow(/1 to 64/);
  });
});

describe('defaultBackendConfigIds and orderForRun', () => {
  it('offers one and all threads, and runs wasm first', () => {
    expect(defaultBackendConfigIds(1)).toEqual(['wasm-1t', 'webgpu', 'webnn']);
    const ids = defaultBackendConfigIds(4);
    expect(ids).toEqual(['wasm-1t', 'wasm-4t', 'webgpu', 'webnn']);
    const ordered = orderForRun(
      ['webgpu', 'wasm-4t', 'webnn', 'wasm-1t'].map((id) => backendConfigFromId(id, 4)),
    );
    expect(ordered.map((config) => config.id)).toEqual(['wasm-1t', 'wasm-4t', 'webgpu', 'webnn']);
  });
});
