// The files a Hub model's load read, with the sha256 of each, computed from the bytes read (no
// manifest pins a Hub model's files, so nothing was verified), and whether the browser's Hub cache had
// it. The app's own models' files are verified against their records and not listed here.
import type { ModelLoadReport } from '../worker/engine-api';

export function FilesRead({ loads, testId }: { loads: readonly ModelLoadReport[]; testId: string }) {
  const rows = loads.flatMap((load) =>
    (load.files ?? []).filter((file) => !file.pinned).map((file) => ({ modelId: load.modelId, file })),
  );
  if (rows.length === 0) return null;
  return (
    <table className="results files-read" data-testid={testId}>
      <caption>
        Files read from the Hub. Their sha256 is computed from the bytes read and was not verified against a
        manifest (a Hub model has none here).
      </caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Bytes</th>
          <th scope="col">sha256</th>
          <th scope="col">Browser cache</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ modelId, file }) => (
          <tr
            key={`${modelId}/${file.name}`}
            data-testid={`${testId}-row`}
            data-file={file.name}
            data-sha256={file.sha256}
            data-pinned={file.pinned}
            data-cache={file.cache}
          >
            <td>
              <code>{file.name}</code>
            </td>
            <td>{file.bytes.toLocaleString('en')}</td>
            <td>
              <code>{file.sha256}</code> (not verified)
            </td>
            <td>{file.cache ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
