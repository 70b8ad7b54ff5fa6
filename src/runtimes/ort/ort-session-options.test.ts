// Checks the mapping from a backend config's `~key=value` text to ORT session options: each key and
// value, the defaults, the messages for what is refused, the free-dimension check against a model's
// graph inputs (shapes as onnx-inputs.ts reads them from the shipped models), and the snippet code.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors';
import { freeDimensionMismatch, ortSessionChoices, sessionChoicesCode } from './ort-session-options';

describe('ortSessionChoices', () => {
  it('gives every session graph optimization level all, and nothing else, without options', () => {
    expect(ortSessionChoices(undefined, 'wasm')).toEqual({ graphOptimizationLevel: 'all' });
    expect(ortSessionChoices({}, 'webgpu')).toEqual({ graphOptimizationLevel: 'all' });
  });

  it('maps opt, mempattern, arena and dims to their SessionOptions fields', () => {
    expect(
      ortSessionChoices(
        {
          opt: 'basic',
          mempattern: 'off',
          arena: 'on',
          dims: 'p2o.DynamicDimension.0:1;p2o.DynamicDimension.1:320',
        },
        'wasm',
      ),
    ).toEqual({
      graphOptimizationLevel: 'basic',
      enableMemPattern: false,
      enableCpuMemArena: true,
      freeDimensionOverrides: { 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': 320 },
    });
    for (const level of ['disabled', 'basic', 'extended', 'layout', 'all'] as const) {
      expect(ortSessionChoices({ opt: level }, 'wasm').graphOptimizationLevel).toBe(level);
    }
    expect(ortSessionChoices({ mempattern: 'on', arena: 'off' }, 'wasm')).toEqual({
      graphOptimizationLevel: 'all',
      enableMemPattern: true,
      enableCpuMemArena: false,
    });
    // A name holding a colon splits at the last one.
    expect(ortSessionChoices({ dims: 'a:b:7' }, 'wasm').freeDimensionOverrides).toEqual({ 'a:b': 7 });
  });

  it('refuses an unknown key, naming it and every accepted key with its values', () => {
    const refuse = () => ortSessionChoices({ opt: 'basic', threads: '2' }, 'wasm');
    expect(refuse).toThrow(InvalidInputError);
    expect(refuse).toThrow(
      'Unknown session option "threads" (~threads=2). ONNX Runtime Web takes: ' +
        'opt (graph optimization level: disabled, basic, extended, layout, all); ' +
        'mempattern (memory pattern: on, off); arena (CPU memory arena: on, off); ' +
        'dims (free dimension overrides: name:value;name:value, each value a whole number ≥ 1).',
    );
  });

  it('refuses an unknown value, naming the key and the accepted values', () => {
    expect(() => ortSessionChoices({ opt: 'bogus' }, 'wasm')).toThrow(
      'Session option opt=bogus: the accepted values are disabled, basic, extended, layout, all.',
    );
    expect(() => ortSessionChoices({ opt: 'ALL' }, 'wasm')).toThrow(/opt=ALL/);
    expect(() => ortSessionChoices({ mempattern: 'true' }, 'wasm')).toThrow(
      'Session option mempattern=true: the accepted values are on, off.',
    );
    expect(() => ortSessionChoices({ arena: '1' }, 'wasm')).toThrow(
      'Session option arena=1: the accepted values are on, off.',
    );
  });

  it('refuses free dimension overrides that are not name:value pairs of whole numbers ≥ 1', () => {
    for (const dims of ['batch', 'batch:', ':1', 'batch:0', 'batch:-1', 'batch:1.5', 'batch:1e3', 'a:1;']) {
      expect(() => ortSessionChoices({ dims }, 'wasm')).toThrow(
        new RegExp(`^Session option dims=${dims.replace(/[.+]/g, '\\$&')}: ".*" is not name:value;`),
      );
    }
    expect(() => ortSessionChoices({ dims: 'batch:2147483648' }, 'wasm')).toThrow(/is not name:value/);
    expect(() => ortSessionChoices({ dims: 'batch:1;batch:2' }, 'wasm')).toThrow(
      'Session option dims=batch:1;batch:2: "batch" is given twice.',
    );
  });

  it('refuses mempattern=on on webgpu, where ONNX Runtime Web turns it off regardless', () => {
    expect(() => ortSessionChoices({ mempattern: 'on' }, 'webgpu')).toThrow(
      /mempattern=on: ONNX Runtime Web turns memory patterns off whenever the webgpu provider is used/,
    );
    expect(ortSessionChoices({ mempattern: 'off' }, 'webgpu').enableMemPattern).toBe(false);
    expect(ortSessionChoices({ mempattern: 'on' }, 'webnn').enableMemPattern).toBe(true);
  });
});

describe('freeDimensionMismatch', () => {
  // Graph inputs of ppocr-v4-rec and silero-vad-v5 (onnx-inputs.test.ts reads them from the files).
  const RECOGNIZER = [
    { name: 'x', shape: ['p2o.DynamicDimension.0', 3, 48, 'p2o.DynamicDimension.1'] },
  ] as const;
  const SILERO_V5 = [
    { name: 'input', shape: ['', ''] },
    { name: 'state', shape: [2, '', 128] },
    { name: 'sr', shape: [] },
  ] as const;

  it('accepts overrides of the model’s named free dimensions, and no overrides at all', () => {
    expect(
      freeDimensionMismatch({ 'p2o.DynamicDimension.0': 1, 'p2o.DynamicDimension.1': 320 }, RECOGNIZER),
    ).toBeUndefined();
    expect(freeDimensionMismatch(undefined, SILERO_V5)).toBeUndefined();
  });

  it('names an override the model lacks and lists the names it has', () => {
    expect(freeDimensionMismatch({ 'p2o.DynamicDimension.0': 1, width: 320 }, RECOGNIZER)).toBe(
      'Session option dims: the model has no free dimension named width; its named free dimensions are ' +
        'p2o.DynamicDimension.0, p2o.DynamicDimension.1 (inputs: x [p2o.DynamicDimension.0, 3, 48, p2o.DynamicDimension.1]).',
    );
  });

  it('says so when the model’s free dimensions have no names (Silero v5/v6)', () => {
    expect(freeDimensionMismatch({ batch: 1 }, SILERO_V5)).toBe(
      'Session option dims: the model has no free dimension named batch; it has no named free dimensions, ' +
        'so none can be overridden by name (inputs: input [?, ?], state [2, ?, 128], sr []).',
    );
  });
});

describe('sessionChoicesCode', () => {
  it('writes the level always and the other options only when chosen, quoting names that need it', () => {
    expect(sessionChoicesCode({ graphOptimizationLevel: 'all' })).toBe("graphOptimizationLevel: 'all'");
    expect(
      sessionChoicesCode({
        graphOptimizationLevel: 'extended',
        enableCpuMemArena: false,
        freeDimensionOverrides: { batch: 1, "it's": 2 },
      }),
    ).toBe(
      "graphOptimizationLevel: 'extended', enableCpuMemArena: false, freeDimensionOverrides: { batch: 1, 'it\\'s': 2 }",
    );
  });
});
