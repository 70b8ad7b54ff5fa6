// A model card per catalog model, built from the manifest prepare-models wrote next to its files:
// provenance, licence, size, sha256, intended use and known limitations.
import { useEffect, useState } from 'react';
import { MANIFEST_FILE_NAME, type ModelManifest } from '../catalog/manifest';
import { BUILTIN_MODELS } from '../tasks';

type Loaded = { readonly id: string } & ({ readonly manifest: ModelManifest } | { readonly error: string });

async function loadManifest(id: string): Promise<Loaded> {
  try {
    const response = await fetch(new URL(`models/${id}/${MANIFEST_FILE_NAME}`, document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { id, manifest: (await response.json()) as ModelManifest };
  } catch (error) {
    return { id, error: `No manifest (${String(error)}). Run \`npm run prepare-models\`.` };
  }
}

export function ModelCards() {
  const [cards, setCards] = useState<Loaded[]>();
  useEffect(() => {
    let cancelled = false;
    void Promise.all(BUILTIN_MODELS.map((model) => loadManifest(model.id))).then((loaded) => {
      if (!cancelled) setCards(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!cards) return <p>Loading model cards…</p>;
  return (
    <section className="task" aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      <div className="cards">
        {cards.map((card) =>
          'error' in card ? (
            <article key={card.id} className="card error" data-testid={`model-card-${card.id}`}>
              <h3>{card.id}</h3>
              <p>{card.error}</p>
            </article>
          ) : (
            <ModelCard key={card.id} manifest={card.manifest} />
          ),
        )}
      </div>
    </section>
  );
}

function ModelCard({ manifest }: { manifest: ModelManifest }) {
  // A pre-optimized copy is the same model again, so it does not count towards the size.
  const totalBytes = manifest.files
    .filter((file) => file.role !== 'optimized-model')
    .reduce((sum, file) => sum + file.bytes, 0);
  return (
    <article className="card" data-testid={`model-card-${manifest.id}`}>
      <h3>{manifest.displayName}</h3>
      <dl>
        <dt>Id</dt>
        <dd>
          <code>{manifest.id}</code>
        </dd>
        <dt>Task</dt>
        <dd>{manifest.task}</dd>
        <dt>Licence</dt>
        <dd data-testid="model-license">{manifest.license}</dd>
        <dt>Size</dt>
        <dd>{(totalBytes / 1e6).toFixed(2)} MB</dd>
        <dt>Source</dt>
        <dd>
          npm{' '}
          <code>
            {manifest.source.package}@{manifest.source.version}
          </code>{' '}
          ({manifest.source.files.join(', ')})
        </dd>
        <dt>Origin</dt>
        <dd>
          <a href={manifest.origin.url} rel="noreferrer" target="_blank">
            {manifest.origin.project}
          </a>
          {' · '}
          <a href={manifest.modelCardUrl} rel="noreferrer" target="_blank">
            model card
          </a>
          {manifest.paperUrl && (
            <>
              {' · '}
              <a href={manifest.paperUrl} rel="noreferrer" target="_blank">
                paper
              </a>
            </>
          )}
        </dd>
        <dt>Intended use</dt>
        <dd>{manifest.intendedUse}</dd>
        <dt>Input</dt>
        <dd>{manifest.inputSpec}</dd>
        <dt>Output</dt>
        <dd>{manifest.outputSpec}</dd>
        <dt>Files</dt>
        <dd>
          <ul className="files">
            {manifest.files.map((file) => (
              <li key={file.name}>
                {file.name} — {file.bytes.toLocaleString('en')} bytes, sha256{' '}
                <code className="hash">{file.sha256}</code>
                {file.optimizedFrom !== undefined && (
                  <small data-testid="optimized-file">
                    {' '}
                    — {file.optimizedFrom} pre-optimized by {file.optimizer}; sessions load this copy
                  </small>
                )}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Known limitations</dt>
        <dd>
          <ul>
            {manifest.limitations.map((limitation) => (
              <li key={limitation}>{limitation}</li>
            ))}
          </ul>
        </dd>
      </dl>
    </article>
  );
}
