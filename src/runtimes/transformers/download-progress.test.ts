// Per-file download progress from Transformers.js's events: one line per file, a file starting or
// finishing reported at once, byte progress at most every THROTTLE_MS.
import { describe, expect, it } from 'vitest';
import type { EngineProgress } from '../../core/progress';
import { downloadProgress, THROTTLE_MS } from './download-progress';

describe('downloadProgress', () => {
  it('reports each file, throttles byte progress and gives the fraction once every size is known', () => {
    const reports: EngineProgress[] = [];
    let time = 0;
    const on = downloadProgress(
      'o/m@main',
      (progress) => reports.push(progress),
      () => time,
    );
    on({ status: 'initiate', file: 'config.json' });
    on({ status: 'initiate', file: 'onnx/model.onnx' });
    on({ status: 'download', file: 'onnx/model.onnx' });
    time = 10;
    on({ status: 'progress', file: 'onnx/model.onnx', loaded: 10, total: 100 });
    expect(reports).toHaveLength(2);
    time = 10 + THROTTLE_MS;
    on({ status: 'progress', file: 'config.json', loaded: 50, total: 100 });
    expect(reports).toHaveLength(3);
    expect(reports[2]).toEqual({
      message: 'Downloading o/m@main: 0 of 2 files',
      fraction: 60 / 200,
      files: [
        { file: 'config.json', loaded: 50, total: 100, done: false },
        { file: 'onnx/model.onnx', loaded: 10, total: 100, done: false },
      ],
    });
    time += 1;
    on({ status: 'done', file: 'config.json' });
    on({ status: 'ready' });
    expect(reports).toHaveLength(4);
    expect(reports[3]?.message).toBe('Downloading o/m@main: 1 of 2 files');
    expect(reports[3]?.files?.[0]).toEqual({ file: 'config.json', loaded: 100, total: 100, done: true });
  });

  it('leaves the fraction out while a size is unknown', () => {
    const reports: EngineProgress[] = [];
    const on = downloadProgress(
      'o/m@main',
      (progress) => reports.push(progress),
      () => 0,
    );
    on({ status: 'initiate', file: 'tokenizer.json' });
    expect(reports[0]).toEqual({
      message: 'Downloading o/m@main: 0 of 1 files',
      files: [{ file: 'tokenizer.json', loaded: 0, total: 0, done: false }],
    });
  });
});
