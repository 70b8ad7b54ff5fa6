// Where a variant comes from, as the Optimize view and the model cards show it: the parent and the
// sha256 of the exact file it was made from, the method and calibration, the optimizer's version and
// time, and what the method did per operator.
import type { VariantLineage } from '../catalog/model-record';
import { methodWords } from '../optimizer/variant-record';

export function VariantLineageList({ lineage }: { lineage: VariantLineage }) {
  return (
    <dl className="lineage" data-testid="variant-lineage">
      <dt>Made from</dt>
      <dd data-testid="lineage-parent">
        <code>{lineage.parentId}</code>, file sha256 <code className="hash">{lineage.parentSha256}</code>
      </dd>
      <dt>Method</dt>
      <dd data-testid="lineage-method">{methodWords(lineage)}</dd>
      {lineage.calibration && (
        <>
          <dt>Calibration data</dt>
          <dd data-testid="lineage-calibration">{lineage.calibration.data}</dd>
        </>
      )}
      <dt>Optimizer</dt>
      <dd data-testid="lineage-optimizer">
        version {lineage.optimizerVersion}, {new Date(lineage.createdAt).toLocaleString('en')}
      </dd>
      <dt>What changed</dt>
      <dd>
        <ul data-testid="lineage-summary">
          {lineage.summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
