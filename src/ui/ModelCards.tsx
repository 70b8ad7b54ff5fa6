// A model card per model, built from the manifest written next to its files (by prepare-models for the
// built-in ones, by `npm run models:fetch` for those fetched from the Hub, listed in models/index.json):
// provenance, licence, size, sha256, precisions, intended use and known limitations; and, below them,
// what the browser keeps of Hub downloads (HubCachePanel). A variant made in this browser has no file
// on the server: its card is built from its catalog record, the same way a manifest is, and every
// variant's card shows its lineage and its size next to its parent's.
import { useEffect, useState } from 'react';
import { MODEL_INDEX_FILE, type ModelIndex } from '../catalog/fetched-models';
import { buildManifest, MANIFEST_FILE_NAME, type ModelManifest } from '../catalog/manifest';
import type { ModelRecord } from '../catalog/model-record';
import { BUILTIN_MODELS } from '../tasks';
import type { Engine } from '../worker/engine-api';
import { HubCachePanel } from './HubCachePanel';
import { VariantLineageList } from './VariantLineageList';

type Loaded = { readonly id: string } & (
  { readonly manifest: ModelManifest; readonly madeHere?: boolean } | { readonly error: string }
);

/** The card of a variant made in this browser: its record as a manifest would have it. */
function browserVariantCard(record: ModelRecord): Loaded {
  const manifest = buildManifest(
    record,
    record.variant?.optimizerVersion ?? '',
    record.files.map((file) => ({
      name: file.name,
      role: file.role,
      sha256: file.sha256,
      bytes: file.bytes,
    })),
  );
  return { id: record.id, manifest, madeHere: true };
}

async function loadManifest(id: string): Promise<Loaded> {
  try {
    const response = await fetch(new URL(`models/${id}/${MANIFEST_FILE_NAME}`, document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { id, manifest: (await response.json()) as ModelManifest };
  } catch (error) {
    return { id, error: `No manifest (${String(error)}). Run \`npm run prepare-models\`.` };
  }
}

/** Ids of the models fetched from the Hub; none when there is no index. */
async function fetchedModelIds(): Promise<readonly string[]> {
  try {
    const response = await fetch(new URL(MODEL_INDEX_FILE, document.baseURI));
    return response.ok ? ((await response.json()) as ModelIndex).models : [];
  } catch {
    return [];
  }
}

/** "4.65 M", "12.3 k" or "412": a parameter count as people read it. */
function formatCount(count: number): string {
  if (count >= 1e6) return `${(count / 1e6).toFixed(2)} M`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)} k`;
  return String(count);
}

export function ModelCards({ engine }: { engine?: Engine }) {
  const [cards, setCards] = useState<Loaded[]>();
  useEffect(() => {
    let cancelled = false;
    void Promise.all([
      fetchedModelIds().then((fetched) =>
        Promise.all([...BUILTIN_MODELS.map((model) => model.id), ...fetched].map(loadManifest)),
      ),
      engine?.models() ?? [],
    ]).then(([loaded, models]) => {
      const onServer = new Set(loaded.map((card) => card.id));
      const madeHere = models.filter((model) => model.variant && !onServer.has(model.id));
      if (!cancelled) setCards([...loaded, ...madeHere.map(browserVariantCard)]);
    });
    return () => {
      cancelled = true;
    };
  }, [engine]);
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
            <ModelCard
              key={card.id}
              manifest={card.manifest}
              madeHere={card.madeHere === true}
              parent={parentOf(card.manifest, cards)}
            />
          ),
        )}
      </div>
      <HubCachePanel engine={engine} />
    </section>
  );
}

/** The file a variant was made from, as its parent's card lists it. */
function parentOf(manifest: ModelManifest, cards: readonly Loaded[]) {
  const lineage = manifest.variant;
  if (!lineage) return undefined;
  const parent = cards.find((card) => card.id === lineage.parentId);
  return parent && 'manifest' in parent
    ? parent.manifest.files.find((file) => file.sha256 === lineage.parentSha256)
    : undefined;
}

interface ModelCardProps {
  readonly manifest: ModelManifest;
  /** A variant made in this browser (saved in IndexedDB), not served with the app. */
  readonly madeHere: boolean;
  /** For a variant: the parent's file it was made from. */
  readonly parent: { readonly bytes: number } | undefined;
}

function ModelCard({ manifest, madeHere, parent }: ModelCardProps) {
  // A pre-optimized copy is the same model again, so it does not count towards the size.
  const totalBytes = manifest.files
    .filter((file) => file.role !== 'optimized-model')
    .reduce((sum, file) => sum + file.bytes, 0);
  // A variant is set against the parent's file it was made from: its model file, without the config
  // and tokenizer files it shares with a Transformers.js parent.
  const modelBytes = manifest.files
    .filter((file) => file.role === 'model')
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
        <dd data-testid="model-size">
          {(totalBytes / 1e6).toFixed(2)} MB
          {parent && (
            <>
              {' '}
              (model file {((modelBytes / parent.bytes) * 100).toFixed(0)}% of its parent’s{' '}
              {(parent.bytes / 1e6).toFixed(2)} MB)
            </>
          )}
        </dd>
        <dt>Source</dt>
        <dd>
          {manifest.source.package !== undefined ? (
            <>
              npm{' '}
              <code>
                {manifest.source.package}@{manifest.source.version}
              </code>
            </>
          ) : manifest.source.hub !== undefined ? (
            <>
              Hugging Face Hub ({manifest.source.hub}), revision <code>{manifest.source.version}</code>
            </>
          ) : (
            <>
              generated by this project ({manifest.source.generator}, version {manifest.source.version})
              {manifest.variant && (madeHere ? ', saved in this browser' : ', written by `npm run optimize`')}
            </>
          )}{' '}
          ({manifest.source.files.join(', ')})
        </dd>

        {manifest.parameters !== undefined && (
          <>
            <dt>Parameters</dt>
            <dd data-testid="model-parameters">{formatCount(manifest.parameters)}</dd>
          </>
        )}
        {manifest.dtypes.length > 1 && (
          <>
            <dt>Precisions</dt>
            <dd data-testid="model-dtypes">{manifest.dtypes.join(', ')}</dd>
          </>
        )}
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
      {manifest.variant && (
        <>
          <h4>Lineage</h4>
          <VariantLineageList lineage={manifest.variant} />
        </>
      )}
    </article>
  );
}
