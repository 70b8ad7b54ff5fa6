// The download reader of the model store: the bytes come through whole, and the page hears about
// progress at most about a hundred times however small the chunks are (each report re-renders it).
import { describe, expect, it } from 'vitest';
import { readWithProgress } from './model-store';

function chunkedResponse(chunkCount: number, chunkBytes: number): Response {
  let sent = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === chunkCount) return controller.close();
        controller.enqueue(new Uint8Array(chunkBytes).fill(sent % 251));
        sent += 1;
      },
    }),
  );
}

describe('readWithProgress', () => {
  it('returns every byte in order and reports 10 000 small chunks about a hundred times, ending at the total', async () => {
    const reports: number[] = [];
    const bytes = await readWithProgress(chunkedResponse(10_000, 7), 70_000, (loaded) =>
      reports.push(loaded),
    );
    expect(bytes.byteLength).toBe(70_000);
    expect([bytes[0], bytes[7], bytes[7 * 251], bytes[69_999]]).toEqual([0, 1, 0, 9999 % 251]);
    expect(reports.length).toBeGreaterThanOrEqual(99);
    expect(reports.length).toBeLessThanOrEqual(101);
    expect(reports.at(-1)).toBe(70_000);
    expect(reports).toEqual([...reports].sort((a, b) => a - b));
  });

  it('reports each chunk when the chunks are larger than a percent', async () => {
    const reports: number[] = [];
    await readWithProgress(chunkedResponse(4, 1000), 4000, (loaded) => reports.push(loaded));
    expect(reports).toEqual([1000, 2000, 3000, 4000]);
  });
});
