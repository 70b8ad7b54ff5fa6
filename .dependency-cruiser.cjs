// Keeps src/ layered one way down, so the architecture is checked by `npm run lint` instead of remembered.
// Each folder below imports only itself and the folders listed before it; runtime libraries and React each
// have one home; no import cycles between modules or between folders. scripts/layers.test.ts runs this
// file on a fixture tree and fails if a rule stops reporting what it should.
// Run it: `npm run lint:layers` (dependency-cruiser, options documented in its types/*.d.mts).

/** The layers of src/, bottom to top. A layer may import itself and the layers before it, never after. */
const LAYERS = [
  'core', // tensors, errors, backend ids
  'inputs', // image/audio decoding and validation
  'catalog', // model records, catalog, integrity, manifest, model store
  'optimizer', // ONNX graph rewriting: fp16, int8 dynamic/static, 4-bit variants of a model
  'runtimes', // runtime interface + capabilities; one subfolder per runtime (ort, transformers)
  'task-kit', // the contract a task implements; generic agreement code
  'tasks', // one subfolder per task; src/tasks/*.ts is the registration list
  'worker', // engine + benchmark cell runner inside the Web Worker
  'client', // the Engine proxy the UI holds
  'bench', // main-thread benchmark records, statistics, reports
  'ui', // React
];

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (names) => `(${names.map(escape).join('|')})`;

/** One rule per layer: it must not import any layer above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, index) => {
  const above = LAYERS.slice(index + 1);
  const below = LAYERS.slice(0, index);
  return {
    name: `no-upward-import-from-${layer}`,
    severity: 'error',
    comment:
      `src/${layer} is layer ${index + 1} of ${LAYERS.length} and may import only src/${layer}` +
      (below.length ? ` and the layers below it (${below.map((l) => `src/${l}`).join(', ')})` : '') +
      `; it must not import ${above.map((l) => `src/${l}`).join(', ')}. Move the shared code down into ` +
      `src/${layer} or a lower layer, or invert the dependency (the higher layer passes a value or an ` +
      `interface down). The order is the LAYERS list in .dependency-cruiser.cjs.`,
    from: { path: `^src/${escape(layer)}/` },
    to: { path: `^src/${anyOf(above)}/` },
  };
});

/** Matches a resolved npm package (also when unresolvable, where the module name is kept as is). */
const npmPackage = (names) => `(^|/)node_modules/${anyOf(names)}/|^${anyOf(names)}($|/)`;

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'not-in-a-layer',
      severity: 'error',
      comment:
        'This module lives in a folder of src/ that is not one of the layers, so no layer rule protects it. ' +
        'Move it into the layer it belongs to, or add its folder to LAYERS in .dependency-cruiser.cjs ' +
        '(in the right place of the order).',
      from: { path: '^src/', pathNot: `^src/${anyOf(LAYERS)}/` },
      to: {},
    },
    {
      name: 'no-import-of-unlayered-module',
      severity: 'error',
      comment:
        'This import points at a file of src/ outside the layers (a folder missing from LAYERS in ' +
        '.dependency-cruiser.cjs, or a file directly in src/), so the layer order cannot be checked. ' +
        'Move the target into its layer or add its folder to LAYERS.',
      from: {},
      to: { path: '^src/', pathNot: `^src/${anyOf(LAYERS)}/` },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment:
        'dependency-cruiser could not resolve this import, so none of the layer rules can check it. Fix ' +
        'the path (tsc reports it too); if TypeScript does resolve it, teach the resolution options in ' +
        '.dependency-cruiser.cjs the same trick instead of ignoring the import.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import closes a cycle between modules (type-only imports count). Cycles make load order ' +
        'fragile and the layers meaningless: move the shared part into a module both can import, or ' +
        'pass it in as a parameter.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment:
        'Two folders import each other (possibly through other folders), even though no single module ' +
        'cycle exists. A folder is a unit with one job: move the shared code into a lower folder both can ' +
        'import, so the dependency between the folders points one way.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-cross-task-import',
      severity: 'error',
      comment:
        'A task (src/tasks/<task>/) must not import another task. Tasks are independent plug-ins; ' +
        'move the shared code into src/task-kit (generic task code) or a lower layer.',
      from: { path: '^src/tasks/([^/]+)/' },
      to: { path: '^src/tasks/[^/]+/', pathNot: '^src/tasks/$1/' },
    },
    {
      name: 'no-cross-runtime-import',
      severity: 'error',
      comment:
        'A runtime (src/runtimes/<runtime>/) must not import another runtime. Put what they share in ' +
        'the root of src/runtimes (the runtime interface and capabilities) or in a lower layer.',
      from: { path: '^src/runtimes/([^/]+)/' },
      to: { path: '^src/runtimes/[^/]+/', pathNot: '^src/runtimes/$1/' },
    },
    {
      name: 'onnxruntime-web-only-in-runtimes-ort',
      severity: 'error',
      comment:
        'Only src/runtimes/ort/ imports onnxruntime-web (one importer per runtime). Elsewhere use the ' +
        'runtime interface in src/runtimes/ and the neutral tensor contract in src/core.',
      from: { path: '^src/', pathNot: '^src/runtimes/ort/' },
      to: { path: npmPackage(['onnxruntime-web']) },
    },
    {
      name: 'transformers-only-in-runtimes-transformers',
      severity: 'error',
      comment:
        'Only src/runtimes/transformers/ imports @huggingface/transformers (one importer per runtime). ' +
        'Elsewhere use the runtime interface in src/runtimes/.',
      from: { path: '^src/', pathNot: '^src/runtimes/transformers/' },
      to: { path: npmPackage(['@huggingface/transformers']) },
    },
    {
      name: 'react-only-in-ui',
      severity: 'error',
      comment:
        'Only src/ui/ imports React. The engine, tasks, client and benchmark code are plain TypeScript ' +
        'that also runs in Node and in the worker: expose data or callbacks and let the UI render them.',
      from: { path: '^src/', pathNot: '^src/ui/' },
      to: { path: npmPackage(['react', 'react-dom', '@types/react', '@types/react-dom']) },
    },
  ],
  options: {
    // Scope: src/**. npm packages are recorded (for the package rules) but not followed into.
    doNotFollow: { path: ['node_modules'] },
    // The layer rules' test fixtures contain violations on purpose; never lint them as part of the app.
    exclude: { path: ['(^|/)scripts/fixtures/'] },
    // Resolve like TypeScript does (.ts/.tsx, bundler resolution) and keep type-only imports:
    // `import type` is erased at compile time but is still a dependency between layers.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
