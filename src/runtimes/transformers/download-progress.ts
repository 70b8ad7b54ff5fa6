// Turns Transformers.js's progress_callback events (initiate, download, progress {file, loaded,
// total}, done, per file; ready and progress_total for the whole load) into the engine's progress
// with one line per file. A download of many small chunks fires many events; each report crosses to
// the page and re-renders it, so file progress is reported at most every THROTTLE_MS, while a file
// starting or finishing is reported at once.

import type { EngineProgress, FileProgress } from '../../core/progress';

export const THROTTLE_MS = 150;

/** The fields of a Transformers.js progress event this app reads. */
export interface DownloadEvent {
  readonly status: string;
  readonly file?: string;
  readonly loaded?: number;
  readonly total?: number;
}

export function downloadProgress(
  label: string,
  report: (progress: EngineProgress) => void,
  now: () => number = () => performance.now(),
): (event: DownloadEvent) => void {
  const files = new Map<string, FileProgress>();
  let last = -Infinity;
  return (event) => {
    const { file } = event;
    if (!file) return;
    const before = files.get(file) ?? { file, loaded: 0, total: 0, done: false };
    let urgent = false;
    if (event.status === 'initiate') {
      files.set(file, before);
      urgent = true;
    } else if (event.status === 'progress') {
      files.set(file, {
        ...before,
        loaded: event.loaded ?? before.loaded,
        total: event.total ?? before.total,
      });
    } else if (event.status === 'done') {
      files.set(file, { ...before, loaded: Math.max(before.loaded, before.total), done: true });
      urgent = true;
    } else return;
    const time = now();
    if (!urgent && time - last < THROTTLE_MS) return;
    last = time;
    const list = [...files.values()];
    const finished = list.filter((entry) => entry.done).length;
    const known = list.every((entry) => entry.total > 0);
    const loaded = list.reduce((sum, entry) => sum + entry.loaded, 0);
    const total = list.reduce((sum, entry) => sum + entry.total, 0);
    report({
      message: `Downloading ${label}: ${finished} of ${list.length} files`,
      ...(known && total > 0 ? { fraction: Math.min(1, loaded / total) } : {}),
      files: list,
    });
  };
}
