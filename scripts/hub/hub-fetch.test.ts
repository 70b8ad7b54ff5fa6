// models:fetch against a local server that answers like the Hub (its API and resolve/ URLs), serving the
// project's own tiny model: a whole download with its manifest, and the three ways it goes wrong (a
// wrong sha256, a 404, a connection dropped mid-file), each with a clear message and nothing written.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordFromManifest, type ModelIndex } from '../../src/catalog/fetched-models';
import { modelDtypes } from '../../src/catalog/model-record';
import { tinyBertFiles } from '../hf-models/tiny-bert';
import { startFakeHub, type FakeHub } from './fake-hub';
import { fetchHubModel, HubFetchError } from './hub-fetch';

const REPO = 'someone/tiny-bert';
const COMMIT = 'c0ffee0000000000000000000000000000000001';
const FILES = tinyBertFiles();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let hub: FakeHub;
let host: string;
let modelsDir: string;

beforeAll(async () => {
  hub = await startFakeHub(REPO, COMMIT, FILES);
  host = hub.host;
});

afterAll(() => hub.close());

beforeEach(() => {
  hub.fault = { kind: 'none' };
  modelsDir = mkdtempSync(join(tmpdir(), 'models-fetch-'));
});

afterEach(() => rmSync(modelsDir, { recursive: true, force: true }));

const fetchIt = (dtypes: string[] = ['fp32', 'fp16']) =>
  fetchHubModel({ host, repo: REPO, revision: 'main', dtypes, modelsDir });

/** Everything under modelsDir, so a failed download can be shown to leave nothing. */
const leftovers = () => readdirSync(modelsDir, { recursive: true });

describe('fetchHubModel', () => {
  it('writes the model in the Hugging Face layout with a manifest of sha256, licence and revision', async () => {
    const manifest = await fetchIt();
    const folder = join(modelsDir, REPO);
    for (const [path, bytes] of Object.entries(FILES))
      expect(readFileSync(join(folder, path)), path).toEqual(Buffer.from(bytes));
    const written = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as typeof manifest;
    expect(written).toEqual(manifest);
    expect(manifest).toMatchObject({
      id: REPO,
      task: 'text-classification',
      runtime: 'transformers.js',
      license: 'apache-2.0',
      source: { hub: host, version: COMMIT },
      dtypes: ['fp32', 'fp16'],
    });
    expect(manifest.files.map((file) => [file.name, file.sha256])).toEqual(
      [
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'onnx/model.onnx',
        'onnx/model_fp16.onnx',
      ].map((path) => [path, sha(FILES[path]!)]),
    );
    expect(leftovers().filter((entry) => String(entry).includes('.partial'))).toEqual([]);
    // The app finds fetched models through the index, and each one's record through its manifest.
    const index = JSON.parse(readFileSync(join(modelsDir, 'index.json'), 'utf8')) as ModelIndex;
    expect(index.models).toEqual([REPO]);
    const record = recordFromManifest(manifest);
    expect(modelDtypes(record)).toEqual(['fp32', 'fp16']);
    expect(record.hub).toEqual({ host, revision: COMMIT });
  });

  it('refuses a file whose sha256 is not the one the Hub lists, and writes nothing', async () => {
    hub.fault = { kind: 'wrong-sha', path: 'onnx/model_fp16.onnx' };
    const failing = fetchIt();
    await expect(failing).rejects.toBeInstanceOf(HubFetchError);
    await expect(fetchIt()).rejects.toThrow(
      /onnx\/model_fp16\.onnx has sha256 [0-9a-f]{64}, the Hub lists e{64}: refusing it/,
    );
    expect(leftovers()).toEqual([]);
  });

  it('names a dtype the repository does not have, with the ONNX files it does have', async () => {
    await expect(fetchIt(['q4'])).rejects.toThrow(
      /has no onnx\/model_q4\.onnx \(its ONNX files: onnx\/model\.onnx, onnx\/model_fp16\.onnx\)/,
    );
    expect(leftovers()).toEqual([]);
  });

  it('reports a 404 on a file and writes nothing', async () => {
    hub.fault = { kind: 'missing', path: 'tokenizer.json' };
    await expect(fetchIt()).rejects.toThrow(/tokenizer\.json: .* answered 404/);
    expect(leftovers()).toEqual([]);
  });

  it('reports a connection dropped mid-file, with how far it got, and writes nothing', async () => {
    hub.fault = { kind: 'drop', path: 'onnx/model.onnx' };
    const size = FILES['onnx/model.onnx']!.byteLength;
    await expect(fetchIt()).rejects.toThrow(
      new RegExp(
        `onnx/model\\.onnx (was interrupted after about \\d+ of ${size} bytes|is \\d+ bytes, the Hub lists ${size})`,
      ),
    );
    expect(leftovers()).toEqual([]);
  });

  it('keeps an earlier good download when a new one fails', async () => {
    await fetchIt(['fp32']);
    hub.fault = { kind: 'drop', path: 'onnx/model_fp16.onnx' };
    await expect(fetchIt()).rejects.toBeInstanceOf(HubFetchError);
    expect(existsSync(join(modelsDir, REPO, 'onnx/model.onnx'))).toBe(true);
    expect(existsSync(join(modelsDir, REPO, 'onnx/model_fp16.onnx'))).toBe(false);
  });
});
