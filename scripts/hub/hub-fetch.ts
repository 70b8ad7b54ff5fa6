// Downloads a Hugging Face Hub model into public/models/<repo-id>/ in the layout Transformers.js reads
// (config.json, tokenizer files, onnx/model{_dtype}.onnx), for `npm run models:fetch`. It asks the Hub's
// API for the revision's commit, licence and file list (with the sha256 of every LFS file), downloads
// into a temporary folder next to the target, checks each LFS file against its sha256 and each file
// against its size, writes the manifest the model cards read, and only then moves the folder into
// place: a 404, a wrong checksum or a dropped connection leaves nothing behind. The host is any server
// with the Hub's API and resolve/ layout (the Hub, a mirror, or a local server in tests).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelManifest } from '../../src/catalog/manifest';
import { readWithProgress } from '../../src/catalog/model-store';
import { addToModelIndex } from '../model-index';
import { countParameters } from '../onnx-parameters';

/** Transformers.js's file suffix per dtype (onnx/model{suffix}.onnx). */
export const DTYPE_SUFFIXES: Readonly<Record<string, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

const CONFIG_FILES = ['config.json'];
const OPTIONAL_FILES = [
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'generation_config.json',
  'preprocessor_config.json',
];

export interface HubFetchOptions {
  readonly host: string;
  readonly repo: string;
  readonly revision: string;
  readonly dtypes: readonly string[];
  /** The folder that holds one folder per model (public/models). */
  readonly modelsDir: string;
  /** Overrides the task read from config.json's architectures. */
  readonly task?: string;
  readonly log?: (line: string) => void;
}

interface Sibling {
  readonly rfilename: string;
  readonly size?: number;
  readonly lfs?: { readonly sha256: string; readonly size: number };
}

interface RevisionInfo {
  readonly sha: string;
  readonly siblings: readonly Sibling[];
  readonly cardData?: { readonly license?: string };
}

export class HubFetchError extends Error {}

async function getJson<T>(url: string, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new HubFetchError(`Could not reach ${url} for ${what}: ${String(error)}`);
  }
  if (!response.ok) {
    throw new HubFetchError(
      `${what}: ${url} answered ${response.status} ${response.statusText}` +
        (response.status === 404 ? ' (check the repo id and revision)' : ''),
    );
  }
  return (await response.json()) as T;
}

/** Reads a response body to the end, or says about how far it got when the connection drops. */
async function readAll(
  response: Response,
  path: string,
  expectedBytes: number | undefined,
): Promise<Uint8Array> {
  let received = 0;
  try {
    return await readWithProgress(response, expectedBytes ?? Number.MAX_SAFE_INTEGER, (loaded) => {
      received = loaded;
    });
  } catch (error) {
    throw new HubFetchError(
      `The download of ${path} was interrupted after about ${received}` +
        `${expectedBytes !== undefined ? ` of ${expectedBytes}` : ''} bytes: ${String(error)}`,
    );
  }
}

/** What a model of these architectures does, as a pipeline task name. */
export function taskOfArchitectures(architectures: readonly string[]): string {
  const [first = ''] = architectures;
  if (first.endsWith('ForSequenceClassification')) return 'text-classification';
  if (first.endsWith('ForImageClassification')) return 'image-classification';
  if (first.endsWith('ForCausalLM')) return 'text-generation';
  return 'feature-extraction';
}

export async function fetchHubModel(options: HubFetchOptions): Promise<ModelManifest> {
  const log = options.log ?? (() => {});
  const host = options.host.replace(/\/$/, '');
  const unknown = options.dtypes.filter((dtype) => DTYPE_SUFFIXES[dtype] === undefined);
  if (unknown.length > 0) {
    throw new HubFetchError(
      `Unknown dtype ${unknown.join(', ')}; Transformers.js knows ${Object.keys(DTYPE_SUFFIXES).join(', ')}`,
    );
  }
  const info = await getJson<RevisionInfo>(
    `${host}/api/models/${options.repo}/revision/${encodeURIComponent(options.revision)}?blobs=true`,
    `${options.repo}@${options.revision}`,
  );
  const byName = new Map(info.siblings.map((sibling) => [sibling.rfilename, sibling]));
  const modelFiles = options.dtypes.map((dtype) => ({
    dtype,
    path: `onnx/model${DTYPE_SUFFIXES[dtype]}.onnx`,
  }));
  const missing = [...CONFIG_FILES, ...modelFiles.map((file) => file.path)].filter(
    (path) => !byName.has(path),
  );
  if (missing.length > 0) {
    const available = info.siblings
      .map((sibling) => sibling.rfilename)
      .filter((name) => name.startsWith('onnx/'));
    throw new HubFetchError(
      `${options.repo}@${info.sha.slice(0, 12)} has no ${missing.join(', ')} ` +
        `(its ONNX files: ${available.join(', ') || 'none'})`,
    );
  }
  const paths = [
    ...CONFIG_FILES,
    ...OPTIONAL_FILES.filter((path) => byName.has(path)),
    ...modelFiles.map((f) => f.path),
  ];

  const target = join(options.modelsDir, options.repo);
  const partial = join(options.modelsDir, `.partial-${options.repo.replace(/\//g, '--')}-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  try {
    const files: Array<ModelManifest['files'][number]> = [];
    let architectures: string[] = [];
    let parameters: number | undefined;
    for (const path of paths) {
      const sibling = byName.get(path);
      const url = `${host}/${options.repo}/resolve/${info.sha}/${path}`;
      let response: Response;
      try {
        response = await fetch(url);
      } catch (error) {
        throw new HubFetchError(`Could not download ${path} from ${url}: ${String(error)}`);
      }
      if (!response.ok)
        throw new HubFetchError(`${path}: ${url} answered ${response.status} ${response.statusText}`);
      const expectedSize = sibling?.lfs?.size ?? sibling?.size;
      const bytes = await readAll(response, path, expectedSize);
      if (expectedSize !== undefined && bytes.byteLength !== expectedSize) {
        throw new HubFetchError(
          `${path} is ${bytes.byteLength} bytes, the Hub lists ${expectedSize}: download cut short?`,
        );
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (sibling?.lfs && sibling.lfs.sha256 !== sha256) {
        throw new HubFetchError(
          `${path} has sha256 ${sha256}, the Hub lists ${sibling.lfs.sha256}: refusing it`,
        );
      }
      if (path === 'config.json') {
        architectures =
          (JSON.parse(new TextDecoder().decode(bytes)) as { architectures?: string[] }).architectures ?? [];
      }
      const to = join(partial, path);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, bytes);
      const dtype = modelFiles.find((file) => file.path === path)?.dtype;
      if (dtype && parameters === undefined) {
        try {
          parameters = countParameters(bytes);
        } catch (error) {
          throw new HubFetchError(`${path} is not a readable ONNX model: ${String(error)}`);
        }
      }
      files.push({
        name: path,
        role: dtype ? 'model' : path === 'config.json' ? 'config' : 'tokenizer',
        sha256,
        bytes: bytes.byteLength,
      });
      log(`  ${path}  ${bytes.byteLength.toLocaleString('en')} bytes  sha256 ${sha256.slice(0, 16)}…`);
    }
    const manifest: ModelManifest = {
      schema: 'on-device-lab/model-manifest@1',
      id: options.repo,
      displayName: options.repo,
      task: options.task ?? taskOfArchitectures(architectures),
      runtime: 'transformers.js',
      license: info.cardData?.license ?? 'unknown (see the model card)',
      source: { hub: host, version: info.sha, files: paths },
      dtypes: options.dtypes,
      ...(parameters !== undefined ? { parameters } : {}),
      origin: { project: options.repo, url: `${host}/${options.repo}` },
      modelCardUrl: `${host}/${options.repo}`,
      intendedUse: 'See the model card.',
      inputSpec: 'See the model card.',
      outputSpec: 'See the model card.',
      limitations: [],
      files,
    };
    writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    renameSync(partial, target);
    addToModelIndex(options.modelsDir, options.repo);
    return manifest;
  } finally {
    if (existsSync(partial)) rmSync(partial, { recursive: true, force: true });
  }
}
