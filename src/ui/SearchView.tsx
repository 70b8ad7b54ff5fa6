// Semantic search: passages of the built-in documents and of the user's own text (pasted, or a .txt/.md
// file) embedded in the worker with a Transformers.js feature-extraction pipeline, ranked against the
// query by cosine similarity. Passage vectors are saved in IndexedDB, so searching the same text again
// embeds only the query.
import { useEffect, useState } from 'react';
import type { BackendId } from '../core/backends';
import type { ModelRecord } from '../catalog/model-record';
import { BUILT_IN_DOCUMENTS, type SearchDocument } from '../tasks/semantic-search/documents';
import { openEmbeddingIndex } from '../tasks/semantic-search/embedding-index';
import { SEMANTIC_SEARCH_TASK, type SemanticSearchResult } from '../tasks/semantic-search/handle';
import { TEXT_CLASSIFICATION_MODELS } from '../tasks/text-classification/models';
import type { Engine, TaskResponse } from '../worker/engine-api';
import { publishResult } from './automation';
import { FileDrop } from './FileDrop';
import { FilesRead } from './FilesRead';
import { PreparingLine, RunStatusLine } from './RunStatusLine';
import { PipelineModelPicker, usePipelineModel } from './PipelineModelPicker';
import { readTextFile } from './read-text-file';
import { TimingTable } from './TimingTable';
import { usePreparedTask } from './usePreparedTask';
import { useTaskRun } from './useTaskRun';

/** Text files up to this size are searched; larger ones are refused with the reason. */
const MAX_TEXT_FILE_BYTES = 2_000_000;

/** Models a text pipeline runtime can take passage vectors from. */
const isTextModel = (record: ModelRecord) =>
  record.runtime === 'transformers.js' && ['feature-extraction', 'text-classification'].includes(record.task);

interface SearchViewProps {
  readonly engine?: Engine;
  readonly backend: BackendId;
  readonly onBusy: (busy: boolean) => void;
}

export function SearchView({ engine, backend, onBusy }: SearchViewProps) {
  const choice = usePipelineModel(engine, TEXT_CLASSIFICATION_MODELS, isTextModel, 'feature-extraction');
  const { modelId, dtype } = choice;
  const [query, setQuery] = useState('my phone battery is slow');
  const [ownText, setOwnText] = useState<SearchDocument>({ name: 'your text', text: '' });
  const [useBuiltIn, setUseBuiltIn] = useState(true);
  const { state, run, fail } = useTaskRun();
  const prepared = usePreparedTask(engine, SEMANTIC_SEARCH_TASK, { backend, modelId, dtype });
  const [response, setResponse] = useState<TaskResponse<SemanticSearchResult>>();

  useEffect(() => onBusy(state.status === 'running'), [state.status, onBusy]);

  /** Passage vectors saved in this browser (every model and precision); undefined until read. */
  const [savedVectors, setSavedVectors] = useState<number>();
  /** Bumped when the user forgets the saved vectors, so they are counted again. */
  const [forgotten, setForgotten] = useState(0);
  useEffect(() => {
    if (state.status === 'running') return;
    let active = true;
    void openEmbeddingIndex()
      .then((index) => index.count())
      .then(
        (count) => active && setSavedVectors(count),
        () => active && setSavedVectors(undefined),
      );
    return () => {
      active = false;
    };
  }, [state.status, forgotten]);
  const forgetSaved = async () => {
    try {
      await (await openEmbeddingIndex()).clear();
    } catch (error) {
      fail(error);
    }
    setForgotten((count) => count + 1);
  };

  const search = async () => {
    if (!engine) return;
    const documents = [...(useBuiltIn ? BUILT_IN_DOCUMENTS : []), ...(ownText.text.trim() ? [ownText] : [])];
    const result = await run((onProgress) =>
      engine.run(SEMANTIC_SEARCH_TASK, { backend, modelId, dtype, query, documents, topK: 5 }, onProgress),
    );
    if (!result) return;
    publishResult('lastSearch', result);
    setResponse(result);
  };

  const loadFile = async (file: File) => {
    try {
      setOwnText({ name: file.name, text: await readTextFile(file, MAX_TEXT_FILE_BYTES) });
    } catch (error) {
      fail(error);
    }
  };

  const busy = state.status === 'running' || !engine;
  const result = response?.result;
  return (
    <section className="task" aria-labelledby="search-title">
      <h2 id="search-title">Semantic search (Transformers.js)</h2>
      <div className="inputs">
        <PipelineModelPicker choice={choice} disabled={busy} testId="search" />
        <label>
          <input
            type="checkbox"
            checked={useBuiltIn}
            onChange={(event) => setUseBuiltIn(event.target.checked)}
            disabled={busy}
            data-testid="search-builtin"
          />{' '}
          Search the {BUILT_IN_DOCUMENTS.length} built-in notes
        </label>
        <FileDrop
          label="Add a text file (.txt, .md)"
          accept=".txt,.md,text/plain,text/markdown"
          disabled={busy}
          onFile={(file) => void loadFile(file)}
          testId="search-file"
        />
      </div>
      <label className="text-input">
        Your own text ({ownText.name}; paragraphs become passages)
        <textarea
          value={ownText.text}
          onChange={(event) => setOwnText({ name: 'your text', text: event.target.value })}
          rows={4}
          disabled={busy}
          data-testid="search-text"
        />
      </label>
      <div className="inputs">
        <label className="text-input">
          Search for
          <input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && void search()}
            disabled={busy}
            data-testid="search-query"
          />
        </label>
        <button type="button" onClick={() => void search()} disabled={busy} data-testid="search-run">
          Search
        </button>
      </div>
      <p className="note">
        <span data-testid="search-saved">
          {savedVectors === undefined
            ? 'Reading the saved index…'
            : `${savedVectors} passage vectors saved in this browser`}
        </span>{' '}
        <button
          type="button"
          onClick={() => void forgetSaved()}
          disabled={busy || !savedVectors}
          data-testid="search-forget"
        >
          Forget them
        </button>
      </p>
      <PreparingLine state={prepared} testId="search-preparing" />
      <RunStatusLine state={state} testId="search-status" />
      <FilesRead loads={[...(prepared.loads ?? []), ...(response?.loads ?? [])]} testId="search-files" />
      {result && response && (
        <>
          <ol className="hits" data-testid="search-hits">
            {result.hits.map((hit, index) => (
              <li key={index} data-testid="search-hit" data-document={hit.document} data-score={hit.score}>
                <meter min={0} max={1} value={Math.max(0, hit.score)} /> {hit.score.toFixed(3)}{' '}
                <strong>{hit.document}</strong>: {hit.text}
              </li>
            ))}
          </ol>
          <TimingTable
            stages={[
              [
                `Embedding ${result.embedded} passages (${result.fromIndex} from the saved index)`,
                result.embedMs,
              ],
              ['Query and ranking', result.searchMs],
            ]}
            loads={response.loads}
            testId="search-timings"
          />
        </>
      )}
    </section>
  );
}
