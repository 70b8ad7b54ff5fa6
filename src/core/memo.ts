// Async work done once per key and shared by every caller meanwhile and after: a parsed dictionary,
// a decoded speech clip. A failure is not remembered, so the next call tries again.

export type Memo = <T>(key: string, make: () => Promise<T>) => Promise<T>;

export function createMemo(): Memo {
  const pending = new Map<string, Promise<unknown>>();
  return <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let result = pending.get(key) as Promise<T> | undefined;
    if (!result) {
      result = make();
      pending.set(key, result);
      result.catch(() => pending.delete(key));
    }
    return result;
  };
}
