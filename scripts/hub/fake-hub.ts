// Test support, not a test: a local HTTP server that answers like the Hugging Face Hub for one
// repository (its API's revision info with the sha256 of every LFS file, and resolve/<commit>/<path>
// downloads), and can be told to misbehave: list a wrong sha256, answer 404 for a file, or drop the
// connection in the middle of one. Used by the models:fetch tests and the fetched-model browser test.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HubFault =
  { readonly kind: 'none' } | { readonly kind: 'wrong-sha' | 'drop' | 'missing'; readonly path: string };

export interface FakeHub {
  readonly host: string;
  fault: HubFault;
  close(): Promise<void>;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function startFakeHub(
  repo: string,
  commit: string,
  files: Readonly<Record<string, Uint8Array>>,
  license = 'apache-2.0',
): Promise<FakeHub> {
  const siblings = () =>
    Object.entries(files).map(([rfilename, bytes]) =>
      rfilename.endsWith('.onnx')
        ? {
            rfilename,
            size: bytes.byteLength,
            lfs: {
              sha256:
                hub.fault.kind === 'wrong-sha' && hub.fault.path === rfilename ? 'e'.repeat(64) : sha(bytes),
              size: bytes.byteLength,
            },
          }
        : { rfilename, size: bytes.byteLength },
    );
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    if (url.pathname === `/api/models/${repo}/revision/main`) {
      response.setHeader('content-type', 'application/json');
      return void response.end(
        JSON.stringify({ id: repo, sha: commit, cardData: { license }, siblings: siblings() }),
      );
    }
    const prefix = `/${repo}/resolve/${commit}/`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
    const bytes = files[path];
    const { fault } = hub;
    if (!bytes || (fault.kind === 'missing' && fault.path === path)) {
      response.statusCode = 404;
      return void response.end('Entry not found');
    }
    response.setHeader('content-length', String(bytes.byteLength));
    if (fault.kind === 'drop' && fault.path === path) {
      response.write(bytes.subarray(0, 1000));
      setTimeout(() => response.destroy(), 20);
      return undefined;
    }
    return void response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hub: FakeHub = {
    host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fault: { kind: 'none' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return hub;
}
