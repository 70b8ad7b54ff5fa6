import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '../../src/catalog/model-record';
import { OptimizeUsageError, parseOptimizeArgs } from './cli-args';

const parent = { id: 'ppocr-v4-rec' } as ModelRecord;
const variant = {
  id: 'ppocr-v4-rec~fp16',
  variant: { parentId: 'ppocr-v4-rec' },
} as unknown as ModelRecord;
const catalog = { find: (id: string) => [parent, variant].find((model) => model.id === id) };
const parse = (...argv: string[]) => parseOptimizeArgs(argv, catalog);

describe('parseOptimizeArgs', () => {
  it('reads models and methods as comma lists, with defaults for the rest', () => {
    const options = parse('--model', 'ppocr-v4-rec', '--method', 'fp16,q4');
    expect(options.models).toEqual(['ppocr-v4-rec']);
    expect(options.methods).toEqual(['fp16', 'q4']);
    expect(options).toMatchObject({
      calibrationSamples: 32,
      calibrationMethod: 'minmax',
      out: 'public/models',
      evaluate: true,
      backends: ['wasm-1t'],
      runs: 20,
      warmup: 3,
      repeat: 1,
    });
  });

  it('expands all into every method', () => {
    expect(parse('--model', 'ppocr-v4-rec', '--method', 'all').methods).toEqual([
      'fp16',
      'int8-dynamic',
      'int8-static',
      'q4',
    ]);
  });

  it('takes the calibration options', () => {
    const options = parse(
      '--model=ppocr-v4-rec',
      '--method=int8-static',
      '--calibration=8',
      '--calibration-method=percentile',
      '--percentile=99.99',
      '--no-eval',
    );
    expect(options).toMatchObject({
      calibrationSamples: 8,
      calibrationMethod: 'percentile',
      percentile: 99.99,
      evaluate: false,
    });
  });

  it.each([
    [['--method', 'fp16'], /--model is required/],
    [['--model', 'ppocr-v4-rec'], /--method is required/],
    [['--model', 'nope', '--method', 'fp16'], /no model "nope"/],
    [
      ['--model', 'ppocr-v4-rec~fp16', '--method', 'fp16'],
      /itself a variant; optimize its parent ppocr-v4-rec/,
    ],
    [['--model', 'ppocr-v4-rec', '--method', 'int4'], /"int4" is not one of/],
    [
      ['--model', 'ppocr-v4-rec', '--method', 'fp16', '--calibration', '0'],
      /--calibration takes a whole number/,
    ],
    [
      ['--model', 'ppocr-v4-rec', '--method', 'fp16', '--calibration-method', 'minmax', '--percentile', '99'],
      /goes with --calibration-method percentile/,
    ],
    [
      ['--model', 'ppocr-v4-rec', '--method', 'fp16', '--calibration-method', 'entropy'],
      /minmax or percentile, not "entropy"/,
    ],
    [['--model', 'ppocr-v4-rec', '--method', 'fp16', '--backends', 'tpu'], /--backends/],
    [['--model', 'ppocr-v4-rec', '--method', 'fp16', '--colour'], /colour/],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(OptimizeUsageError);
    expect(() => parse(...argv)).toThrow(message);
  });
});
