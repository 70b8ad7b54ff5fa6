import { describe, expect, it } from 'vitest';
import { createMemo } from './memo';

describe('createMemo', () => {
  it('runs the maker once per key and shares its result, keys apart', async () => {
    const memo = createMemo();
    let calls = 0;
    const make = async () => ++calls;
    expect(await Promise.all([memo('a', make), memo('a', make)])).toEqual([1, 1]);
    expect(await memo('a', make)).toBe(1);
    expect(await memo('b', make)).toBe(2);
  });

  it('forgets a failure, so the next call tries again', async () => {
    const memo = createMemo();
    await expect(memo('x', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(await memo('x', async () => 'back')).toBe('back');
  });
});
