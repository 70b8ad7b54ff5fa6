// One line per file while a model's files download (a Hub model's load): its name, a bar and the
// bytes so far of the bytes in all.
import type { FileProgress } from '../core/progress';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

export function FileProgressList({ files }: { files: readonly FileProgress[] }) {
  return (
    <ul className="file-progress" data-testid="file-progress">
      {files.map((entry) => (
        <li
          key={entry.file}
          data-testid="file-progress-row"
          data-file={entry.file}
          data-loaded={entry.loaded}
          data-total={entry.total}
          data-done={entry.done}
        >
          <code>{entry.file}</code>{' '}
          <progress max={1} value={entry.total > 0 ? entry.loaded / entry.total : undefined} />{' '}
          {entry.done ? 'done' : entry.total > 0 ? `${mb(entry.loaded)} of ${mb(entry.total)}` : 'starting'}
        </li>
      ))}
    </ul>
  );
}
