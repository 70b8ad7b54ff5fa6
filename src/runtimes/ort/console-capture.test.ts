import { describe, expect, it } from 'vitest';
import { captureConsole, installConsoleHook } from './console-capture';

describe('captureConsole', () => {
  it('catches lines printed through a console function bound before the capture started', async () => {
    installConsoleHook();
    // ORT's wasm glue binds console.error once at start-up, like this.
    const boundEarly = console.error.bind(console);
    const { result, lines } = await captureConsole(async () => {
      boundEarly('placement', 42);
      console.log('profile');
      return 'done';
    });
    expect(result).toBe('done');
    expect(lines).toEqual(['placement 42', 'profile']);
  });

  it('nests, and stops capturing when the work ends or throws', async () => {
    const outer = await captureConsole(async () => {
      console.info('outer');
      const inner = await captureConsole(() => console.warn('inner'));
      expect(inner.lines).toEqual(['inner']);
    });
    expect(outer.lines).toEqual(['outer']);
    await expect(captureConsole(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const after = await captureConsole(() => undefined);
    expect(after.lines).toEqual([]);
  });
});
