// Checks the model-file integrity gate: correct sha256 hex for every input shape, and a
// ModelIntegrityError naming file, hashes and fix for a wrong hash or a wrong size.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelIntegrityError, errorKind } from '../core/errors';
import { sha256Hex, verifyModelFile, verifySha256 } from './integrity';

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const abc = (): Uint8Array => new TextEncoder().encode('abc');

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sha256Hex', () => {
  it("hashes 'abc' to the FIPS 180-2 test vector", async () => {
    expect(await sha256Hex(abc())).toBe(ABC_SHA256);
  });

  it('accepts an ArrayBuffer, an empty input, a view at an offset and a SharedArrayBuffer view', async () => {
    const buffer = new ArrayBuffer(3);
    new Uint8Array(buffer).set(abc());
    expect(await sha256Hex(buffer)).toBe(ABC_SHA256);
    expect(await sha256Hex(new Uint8Array(0))).toBe(EMPTY_SHA256);
    const padded = new TextEncoder().encode('xxabcyy');
    expect(await sha256Hex(padded.subarray(2, 5))).toBe(ABC_SHA256);
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set(abc());
    expect(await sha256Hex(shared)).toBe(ABC_SHA256);
  });

  it('explains when Web Crypto is unavailable (non-secure context)', async () => {
    vi.stubGlobal('crypto', undefined);
    const error = await rejection(sha256Hex(abc()));
    expect(error.message).toMatch(/crypto\.subtle.*not a secure context.*https:\/\/.*localhost/);
  });
});

describe('verifySha256', () => {
  it('passes on a match, whatever the case of the expected hex', async () => {
    await expect(verifySha256(abc(), ABC_SHA256, 'abc.onnx')).resolves.toBeUndefined();
    await expect(verifySha256(abc(), ` ${ABC_SHA256.toUpperCase()}\n`, 'abc.onnx')).resolves.toBeUndefined();
  });

  it('throws ModelIntegrityError naming the file, both hashes and the fix on a mismatch', async () => {
    const error = await rejection(verifySha256(new TextEncoder().encode('abd'), ABC_SHA256, 'ocr/det.onnx'));
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect(errorKind(error)).toBe('ModelIntegrityError');
    expect(error.message).toMatch(
      /^Integrity check failed for ocr\/det\.onnx: its sha256 is [0-9a-f]{12}…, expected ba7816bf8f01…\. /,
    );
    expect(error.message).toContain('corrupted or cut off, or the file was changed');
    expect(error.message).toContain('npm run prepare-models');
  });

  it('refuses an expected hash that is not 64 hex characters', async () => {
    const error = await rejection(verifySha256(abc(), 'ba7816bf', 'abc.onnx'));
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect(error.message).toContain('expected sha256 "ba7816bf" is not 64 hex characters');
  });
});

describe('verifyModelFile', () => {
  it('passes when size and hash match, and when no size is given', async () => {
    await expect(
      verifyModelFile(abc(), { sha256: ABC_SHA256, bytes: 3 }, 'abc.onnx'),
    ).resolves.toBeUndefined();
    await expect(verifyModelFile(abc(), { sha256: ABC_SHA256 }, 'abc.onnx')).resolves.toBeUndefined();
  });

  it('reports a short file as a partial download, before hashing', async () => {
    const error = await rejection(
      verifyModelFile(abc(), { sha256: ABC_SHA256, bytes: 4_745_517 }, 'vad/silero.onnx'),
    );
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect(error.message).toBe(
      'Integrity check failed for vad/silero.onnx: it is 3 bytes, expected 4,745,517. ' +
        'The download was probably cut off (a partial download). ' +
        'Re-run `npm run prepare-models` and reload the page.',
    );
  });

  it('reports a longer file as changed', async () => {
    const error = await rejection(verifyModelFile(abc(), { sha256: ABC_SHA256, bytes: 2 }, 'm.onnx'));
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect(error.message).toContain('it is 3 bytes, expected 2. The file was probably changed or replaced');
  });

  it('reports a right-sized file with the wrong hash', async () => {
    const error = await rejection(verifyModelFile(abc(), { sha256: EMPTY_SHA256, bytes: 3 }, 'm.onnx'));
    expect(error).toBeInstanceOf(ModelIntegrityError);
    expect(error.message).toContain(`its sha256 is ba7816bf8f01…, expected e3b0c44298fc…`);
  });
});
