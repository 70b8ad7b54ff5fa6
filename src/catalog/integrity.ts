// Checks a downloaded model file against the size and sha256 the registry records for it, before
// anything parses it. A partial download or a swapped file then fails with a message that names the
// file, both hashes and the fix, instead of an obscure error from deep inside the ONNX parser.
// Uses Web Crypto (globalThis.crypto), present in browsers' secure contexts, workers and Node 20.

import { ModelIntegrityError } from '../core/errors';

export interface ExpectedFile {
  /** Lowercase hex sha256 of the whole file. */
  readonly sha256: string;
  /** Size in bytes; checked first when given, since it is cheap and explains partial downloads. */
  readonly bytes?: number;
}

const FIX = 'Re-run `npm run prepare-models` and reload the page.';

/** Lowercase hex sha256 of `bytes` (only the view's range when given a Uint8Array view). */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error(
      'Cannot verify the model files: Web Crypto (crypto.subtle) is unavailable because this page is not a ' +
        'secure context. Open the app over https:// or from http://localhost.',
    );
  }
  // Web Crypto refuses views of a SharedArrayBuffer (possible in this cross-origin-isolated app): copy those.
  let data: ArrayBuffer | Uint8Array<ArrayBuffer>;
  if (bytes instanceof ArrayBuffer) data = bytes;
  else if (bytes.buffer instanceof ArrayBuffer)
    data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  else data = bytes.slice();
  const digest = await subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Throws ModelIntegrityError unless the sha256 of `bytes` is `expectedHex`. `what` names the file. */
export async function verifySha256(
  bytes: ArrayBuffer | Uint8Array,
  expectedHex: string,
  what: string,
): Promise<void> {
  const expected = expectedHex.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) {
    throw new ModelIntegrityError(
      `Cannot verify ${what}: its expected sha256 "${expectedHex}" is not 64 hex characters. Fix the model registry.`,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual === expected) return;
  const [shownActual, shownExpected] =
    actual.slice(0, 12) === expected.slice(0, 12) ? [actual, expected] : [short(actual), short(expected)];
  throw new ModelIntegrityError(
    `Integrity check failed for ${what}: its sha256 is ${shownActual}, expected ${shownExpected}. ` +
      'The download was probably corrupted or cut off, or the file was changed since the registry was written. ' +
      FIX,
  );
}

/** Checks the byte length (when `expected.bytes` is given) and then the sha256; throws ModelIntegrityError. */
export async function verifyModelFile(
  bytes: ArrayBuffer | Uint8Array,
  expected: ExpectedFile,
  name: string,
): Promise<void> {
  const size = bytes.byteLength;
  if (expected.bytes !== undefined && size !== expected.bytes) {
    const cause =
      size < expected.bytes
        ? 'The download was probably cut off (a partial download).'
        : 'The file was probably changed or replaced since the registry was written.';
    throw new ModelIntegrityError(
      `Integrity check failed for ${name}: it is ${count(size)} bytes, expected ${count(expected.bytes)}. ` +
        `${cause} ${FIX}`,
    );
  }
  await verifySha256(bytes, expected.sha256, name);
}

function short(hex: string): string {
  return `${hex.slice(0, 12)}…`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
