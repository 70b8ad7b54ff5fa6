// The "Cached Hub files" panel on the Model cards tab: what the browser keeps of Hub downloads (each
// file and its bytes), whether each file of the last Hub load came from there (hit) or the Hub (miss),
// and a button that empties it. The app's own models are not in it: they are served by this origin.
import { useEffect, useState } from 'react';
import { errorMessage } from '../core/errors';
import type { Engine, HubCacheReport } from '../worker/engine-api';

export function HubCachePanel({ engine }: { engine?: Engine }) {
  const [report, setReport] = useState<HubCacheReport>();
  const [error, setError] = useState<string>();
  /** Bumped to read the cache again (after Clear, or when asked). */
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let active = true;
    engine?.hubCache().then(
      (next) => {
        if (!active) return;
        setReport(next);
        setError(undefined);
      },
      (failure: unknown) => {
        if (active) setError(errorMessage(failure));
      },
    );
    return () => {
      active = false;
    };
  }, [engine, reads]);
  const refresh = () => setReads((count) => count + 1);
  const clear = async () => {
    await engine?.clearHubCache();
    refresh();
  };
  const total = report?.files.reduce((sum, file) => sum + file.bytes, 0) ?? 0;
  return (
    <section className="hub-cache" aria-labelledby="hub-cache-title" data-testid="hub-cache">
      <h3 id="hub-cache-title">Cached Hub files</h3>
      {error && <p className="reason">{error}</p>}
      {report && (
        <>
          <p data-testid="hub-cache-summary" data-files={report.files.length} data-bytes={total}>
            {report.files.length === 0
              ? 'Nothing from the Hub is kept in this browser.'
              : `${report.files.length} files, ${(total / 1e6).toFixed(2)} MB, from ${report.host}.`}
          </p>
          {report.files.length > 0 && (
            <table className="results">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Bytes</th>
                </tr>
              </thead>
              <tbody>
                {report.files.map((file) => (
                  <tr key={file.url} data-testid="hub-cache-file" data-url={file.url} data-bytes={file.bytes}>
                    <td>
                      <code>{file.url}</code>
                    </td>
                    <td>{file.bytes.toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.lastLoad && (
            <table className="results" data-testid="hub-cache-last">
              <caption>Last Hub load ({report.lastLoad.modelId}): where each file came from</caption>
              <tbody>
                {report.lastLoad.files.map((file) => (
                  <tr
                    key={file.name}
                    data-testid="hub-cache-last-row"
                    data-file={file.name}
                    data-cache={file.cache}
                  >
                    <td>
                      <code>{file.name}</code>
                    </td>
                    <td>{file.cache === 'hit' ? 'hit (browser cache)' : 'miss (downloaded)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="inputs">
            <button type="button" onClick={refresh} data-testid="hub-cache-refresh">
              Refresh
            </button>
            <button
              type="button"
              onClick={() => void clear()}
              disabled={report.files.length === 0}
              data-testid="hub-cache-clear"
            >
              Clear
            </button>
          </div>
        </>
      )}
    </section>
  );
}
