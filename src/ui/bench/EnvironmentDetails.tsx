// The environment a run was measured in, so a number is never read without its context.
import type { BenchEnvironment } from '../../bench/run-record';

export function EnvironmentDetails({ environment }: { environment: BenchEnvironment }) {
  const { webgpu, webnn } = environment;
  return (
    <details className="environment" data-testid="bench-environment">
      <summary>Environment</summary>
      <dl>
        <dt>Browser</dt>
        <dd>{environment.userAgent}</dd>
        <dt>Cores / isolation</dt>
        <dd>
          {environment.hardwareConcurrency} logical cores, cross-origin isolated:{' '}
          {environment.crossOriginIsolated ? 'yes' : 'no'}
        </dd>
        <dt>WebGPU</dt>
        <dd>
          {webgpu.available
            ? `${webgpu.vendor ?? ''} ${webgpu.architecture ?? ''} ${webgpu.description ?? ''}`.trim() +
              (webgpu.software ? ' — software adapter (CPU emulation)' : '') +
              `, shader-f16: ${webgpu.shaderF16 ? 'yes' : 'no'}`
            : `unavailable: ${webgpu.reason ?? ''}`}
        </dd>
        <dt>WebNN</dt>
        <dd>{webnn.available ? 'available' : `unavailable: ${webnn.reason ?? ''}`}</dd>
        <dt>Libraries</dt>
        <dd>
          {Object.entries(environment.libraries)
            .map(([name, version]) => `${name} ${version}`)
            .join(', ')}
        </dd>
        <dt>Model sha256</dt>
        <dd>
          <ul>
            {Object.entries(environment.modelSha256).map(([id, sha]) => (
              <li key={id}>
                {id}: <code className="hash">{sha}</code>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </details>
  );
}
