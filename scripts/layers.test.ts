// Proves that the layer rules in .dependency-cruiser.cjs report what they should. It loads that very
// config (no copy of the rules here) and cruises the fixture tree in scripts/fixtures/layers/src, where
// most files break one rule on purpose. The expected violations are listed exactly, so removing or
// weakening a rule (or losing type-only imports or .tsx resolution) fails this test.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoFile = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const CONFIG = repoFile('.dependency-cruiser.cjs');
const FIXTURE = repoFile('scripts/fixtures/layers');

/** The documented order of src/, bottom to top (CONTRIBUTING / GUIDE); the config must encode the same. */
const LAYERS = [
  'core',
  'inputs',
  'catalog',
  'optimizer',
  'runtimes',
  'task-kit',
  'tasks',
  'worker',
  'client',
  'bench',
  'ui',
];

/** npm targets resolve to e.g. ../../../node_modules/onnxruntime-web/types.d.ts; compare by package. */
function normaliseTarget(to: string): string {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(to);
  if (match) return `npm:${match[1]}`;
  return to.startsWith('@huggingface/transformers') ? 'npm:@huggingface/transformers' : to;
}

const transformersInstalled = existsSync(repoFile('node_modules/@huggingface/transformers/package.json'));

let options: ICruiseOptions;
let result: ICruiseResult;

beforeAll(async () => {
  options = await extractDepcruiseOptions(CONFIG);
  const tsConfigFile = repoFile(options.tsConfig?.fileName ?? 'tsconfig.json');
  const output = await cruise(
    ['src'],
    { ...options, baseDir: FIXTURE, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  result = typeof output.output === 'string' ? (JSON.parse(output.output) as ICruiseResult) : output.output;
}, 60_000);

const violations = () =>
  result.summary.violations
    .map((v) => `${v.rule.name}: ${v.from} -> ${normaliseTarget(v.to)}`)
    .sort((x, y) => x.localeCompare(y));

describe('.dependency-cruiser.cjs on scripts/fixtures/layers', () => {
  it('has one upward rule per layer (generated from the ordered list) and the other named rules', () => {
    const names = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name);
    expect(names).toEqual([
      ...LAYERS.slice(0, -1).map((layer) => `no-upward-import-from-${layer}`),
      'not-in-a-layer',
      'no-import-of-unlayered-module',
      'no-unresolvable',
      'no-circular',
      'no-folder-cycle',
      'no-cross-task-import',
      'no-cross-runtime-import',
      'onnxruntime-web-only-in-runtimes-ort',
      'transformers-only-in-runtimes-transformers',
      'react-only-in-ui',
    ]);
    for (const rule of options.ruleSet?.forbidden ?? []) {
      expect(rule.severity, rule.name).toBe('error');
      expect(rule.comment?.length ?? 0, rule.name).toBeGreaterThan(40);
    }
  });

  it('forbids every upward pair of layers and allows every downward or same-layer pair', () => {
    const layerRules = (options.ruleSet?.forbidden ?? []).filter((rule) =>
      rule.name?.startsWith('no-upward-import-from-'),
    );
    const violated = (from: string, to: string) =>
      layerRules
        .filter((rule) => {
          if (!('to' in rule) || !rule.from || !rule.to) return false;
          const fromPath = 'path' in rule.from ? rule.from.path : undefined;
          const toPath = 'path' in rule.to ? rule.to.path : undefined;
          return new RegExp(String(fromPath)).test(from) && new RegExp(String(toPath)).test(to);
        })
        .map((rule) => rule.name);
    LAYERS.forEach((lower, i) =>
      LAYERS.forEach((other, j) => {
        const found = violated(`src/${lower}/sub/m.ts`, `src/${other}/n.ts`);
        expect(found, `${lower} -> ${other}`).toEqual(j > i ? [`no-upward-import-from-${lower}`] : []);
      }),
    );
  });

  it('reports exactly the violations planted in the fixture', () => {
    const expected = [
      // (b) upward, through a type-only import
      'no-upward-import-from-core: src/core/x.ts -> src/ui/y.ts',
      // upward into a .tsx module, and React outside the UI
      'no-upward-import-from-bench: src/bench/chart.ts -> src/ui/Panel.tsx',
      'react-only-in-ui: src/bench/chart.ts -> npm:react',
      // (c) two sibling task folders importing each other: a folder cycle, no module cycle
      'no-cross-task-import: src/tasks/ocr/c.ts -> src/tasks/vad/d.ts',
      'no-cross-task-import: src/tasks/vad/e.ts -> src/tasks/ocr/f.ts',
      'no-folder-cycle: src/tasks/ocr -> src/tasks/vad',
      'no-folder-cycle: src/tasks/vad -> src/tasks/ocr',
      // sibling runtimes
      'no-cross-runtime-import: src/runtimes/webnn/webnn.ts -> src/runtimes/ort/ort.ts',
      // (d) onnxruntime-web outside src/runtimes/ort, and Transformers.js outside its runtime
      'onnxruntime-web-only-in-runtimes-ort: src/tasks/vad/ort-direct.ts -> npm:onnxruntime-web',
      'transformers-only-in-runtimes-transformers: src/tasks/ocr/hf.ts -> npm:@huggingface/transformers',
      // a module cycle (dependency-cruiser reports the cycle once)
      'no-circular: src/inputs/p.ts -> src/inputs/q.ts',
      // a folder outside the layers, from both sides
      'not-in-a-layer: src/engine/legacy.ts -> src/core/b.ts',
      'no-import-of-unlayered-module: src/tasks/vad/uses-legacy.ts -> src/engine/legacy.ts',
      // imports the rules cannot see
      'no-unresolvable: src/catalog/broken.ts -> ./missing',
      ...(transformersInstalled
        ? []
        : ['no-unresolvable: src/tasks/ocr/hf.ts -> npm:@huggingface/transformers']),
    ];
    expect(violations()).toEqual([...expected].sort((x, y) => x.localeCompare(y)));
  });

  it('lets the allowed imports through: (a) a task importing core, registration list, runtime, UI', () => {
    const dependency = (from: string, to: string) => {
      const module = result.modules.find((m) => m.source === from);
      return module?.dependencies.find((d) => normaliseTarget(d.resolved) === to);
    };
    for (const [from, to] of [
      ['src/tasks/ocr/a.ts', 'src/core/b.ts'],
      ['src/tasks/index.ts', 'src/tasks/ocr/a.ts'],
      ['src/tasks/index.ts', 'src/tasks/vad/d.ts'],
      ['src/runtimes/ort/ort.ts', 'npm:onnxruntime-web'],
      ['src/runtimes/ort/ort.ts', 'src/runtimes/runtime.ts'],
      ['src/ui/Panel.tsx', 'npm:react'],
    ] as const) {
      const found = dependency(from, to);
      expect(found, `${from} -> ${to} was not cruised`).toBeDefined();
      expect(found?.valid, `${from} -> ${to}`).toBe(true);
    }
  });
});
