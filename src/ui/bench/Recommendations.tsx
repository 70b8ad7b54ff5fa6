// The end of a run: per model, the simplest configuration whose outputs agree with the reference unless
// another is faster beyond the noise, the ones it was tied with, and the session options that reproduce
// it, ready to copy.
import { useState } from 'react';
import type { Recommendation } from '../../bench/run-record';

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

export function Recommendations({ recommendations }: { recommendations: readonly Recommendation[] }) {
  if (recommendations.length === 0) {
    return (
      <p className="notice">
        No configuration both ran and agreed with the wasm reference, so there is no recommendation.
      </p>
    );
  }
  return (
    <div className="recommendations" data-testid="bench-recommendations">
      {recommendations.map((recommendation) => (
        <article key={recommendation.modelId} data-testid={`recommendation-${recommendation.modelId}`}>
          <h4>
            {recommendation.modelId}: use{' '}
            <span data-testid="recommended-backend">{recommendation.backendConfigId}</span>
            {recommendation.runtimeBuild !== undefined && (
              <>
                {' '}
                on the <span data-testid="recommended-build">{recommendation.runtimeBuild}</span> build
              </>
            )}
          </h4>
          {recommendation.tiedWith !== undefined && recommendation.tiedWith.length > 0 && (
            <p data-testid="recommendation-ties">
              Tied within noise with: {recommendation.tiedWith.join(', ')}
            </p>
          )}
          <p>{recommendation.reason}</p>
          <pre>
            <code>{recommendation.snippet}</code>
          </pre>
          <CopyButton text={recommendation.snippet} />
        </article>
      ))}
    </div>
  );
}
