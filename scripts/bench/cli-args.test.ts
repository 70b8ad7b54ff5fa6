import { describe, expect, it } from 'vitest';
import { createCatalog, staticSource } from '../../src/catalog/catalog';
import { BENCH_SUBJECTS, BUILTIN_MODELS } from '../../src/tasks';
import { TINY_BERT_SENTIMENT } from '../../src/tasks/text-classification/models';
import { CliUsageError, USAGE, parseBenchArgs, type BenchCliOptions } from './cli-args';

const ALL_MODELS = BENCH_SUBJECTS.map((subject) => subject.id);

/** The CliUsageError message parseBenchArgs throws for `args`. */
function usageError(...args: string[]): string {
  try {
    parseBenchArgs(args);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as CliUsageError).message;
  }
  throw new Error(`expected ${args.join(' ')} to be rejected`);
}

describe('parseBenchArgs', () => {
  it('has defaults for everything', () => {
    const expected: BenchCliOptions = {
      models: ALL_MODELS,
      backends: ['wasm-1t', 'wasm', 'webgpu', 'webnn'],
      runs: 20,
      warmup: 3,
      out: 'bench-results',
      native: false,
      baselines: [],
      allowDifferentSetup: false,
      threshold: 10,
      repeat: 1,
      port: 0,
      cellTimeout: 300,
      detsize: 640,
      evaluate: true,
      noBuild: false,
      help: false,
    };
    expect(parseBenchArgs([])).toStrictEqual(expected);
  });

  it('reads every flag', () => {
    const options = parseBenchArgs([
      '--models',
      'ppocr-v4-rec,silero-vad-v5',
      '--backends',
      'wasm,wasm-1t,wasm-8t,webgpu,webnn',
      '--runs',
      '50',
      '--warmup',
      '0',
      '--out',
      'out/ci',
      '--native',
      '--baseline',
      'baseline/run.json,baseline-2',
      '--allow-different-setup',
      '--threshold',
      '7.5',
      '--repeat',
      '3',
      '--browser-ws',
      'ws://127.0.0.1:9222/abc',
      '--port',
      '4173',
      '--cell-timeout',
      '90.5',
      '--detsize',
      '960',
      '--no-eval',
      '--no-build',
      '--help',
    ]);
    expect(options).toStrictEqual({
      models: ['ppocr-v4-rec', 'silero-vad-v5'],
      backends: ['wasm', 'wasm-1t', 'wasm-8t', 'webgpu', 'webnn'],
      runs: 50,
      warmup: 0,
      out: 'out/ci',
      native: true,
      baselines: ['baseline/run.json', 'baseline-2'],
      allowDifferentSetup: true,
      threshold: 7.5,
      repeat: 3,
      browserWs: 'ws://127.0.0.1:9222/abc',
      port: 4173,
      cellTimeout: 90.5,
      detsize: 960,
      evaluate: false,
      noBuild: true,
      help: true,
    });
  });

  it('accepts --flag=value, "all" and spaces around list entries', () => {
    const options = parseBenchArgs([
      '--models=all',
      '--backends= webgpu , wasm-2t',
      '--threshold=0',
      '--runs=1',
    ]);
    expect(options).toMatchObject({
      models: ALL_MODELS,
      backends: ['webgpu', 'wasm-2t'],
      threshold: 0,
      runs: 1,
    });
  });

  it('names an unknown model and lists the known ones', () => {
    const message = usageError('--models', 'ppocr-v4-rec,yolo');
    expect(message).toMatch(/^--models: Unknown model "yolo"\. Known models: /);
    for (const id of ALL_MODELS) expect(message).toContain(id);
  });

  it('takes a model with dtype files once per dtype, and names its dtypes for one it lacks', () => {
    expect(parseBenchArgs(['--models', 'tiny-bert-sentiment:fp16']).models).toEqual([
      'tiny-bert-sentiment:fp16',
    ]);
    expect(usageError('--models', 'tiny-bert-sentiment:q4')).toBe(
      '--models: "tiny-bert-sentiment:q4" is not something the benchmark can run: tiny-bert-sentiment is benchmarked as tiny-bert-sentiment:fp32, tiny-bert-sentiment:fp16',
    );
    expect(usageError('--models', 'tiny-bert-sentiment')).toContain('tiny-bert-sentiment:fp32');
  });

  it('finds models fetched from the Hub in the catalog it is given', () => {
    const fetched = {
      ...TINY_BERT_SENTIMENT,
      id: 'Xenova/distilbert-sst2',
      files: TINY_BERT_SENTIMENT.files.map((file) =>
        file.name === 'onnx/model_fp16.onnx'
          ? { ...file, name: 'onnx/model_quantized.onnx', dtype: 'q8' }
          : file,
      ),
    };
    const catalog = createCatalog([
      staticSource('built-in', BUILTIN_MODELS),
      staticSource('fetched', [fetched]),
    ]);
    expect(parseBenchArgs(['--models', 'Xenova/distilbert-sst2:q8'], catalog).models).toEqual([
      'Xenova/distilbert-sst2:q8',
    ]);
    expect(parseBenchArgs(['--models', 'all'], catalog).models.slice(-2)).toEqual([
      'Xenova/distilbert-sst2:fp32',
      'Xenova/distilbert-sst2:q8',
    ]);
    expect(usageError('--models', 'Xenova/distilbert-sst2:q8')).toMatch(/^--models: Unknown model/);
  });

  it('names an unknown backend and lists the accepted forms', () => {
    expect(usageError('--backends', 'webgpu,cuda')).toBe(
      '--backends: Unknown backend "cuda". Use wasm, wasm-1t, wasm-<N>t, webgpu or webnn, optionally with @<build> (e.g. wasm-2t@jsep) and ~key=value session options (e.g. wasm-1t~opt=basic).',
    );
    expect(usageError('--backends', 'wasm-0t')).toBe(
      '--backends: "wasm-0t": wasm thread count must be 1 to 64',
    );
    expect(usageError('--backends', 'wasm-65t')).toContain('1 to 64');
  });

  it('keeps session options in backend ids as written and refuses misspelt ones', () => {
    expect(
      parseBenchArgs(['--backends', 'wasm-1t,wasm-1t~opt=basic,wasm-2t@jsep~arena=on~dims=a:1;b:2']).backends,
    ).toEqual(['wasm-1t', 'wasm-1t~opt=basic', 'wasm-2t@jsep~arena=on~dims=a:1;b:2']);
    expect(usageError('--backends', 'wasm-1t~opt')).toMatch(
      /^--backends: "wasm-1t~opt": session option "~opt" must be written ~key=value/,
    );
  });

  it('rejects empty and repeated list entries', () => {
    expect(usageError('--backends', 'wasm,,webgpu')).toBe('--backends has an empty entry in "wasm,,webgpu".');
    expect(usageError('--models', 'silero-vad-v5,silero-vad-v5')).toBe(
      '--models lists "silero-vad-v5" twice.',
    );
  });

  it.each([
    ['--runs', '0', '--runs must be a whole number from 1 to 100000, got "0".'],
    ['--runs', 'abc', '--runs must be a whole number from 1 to 100000, got "abc".'],
    ['--runs', '1.5', '--runs must be a whole number from 1 to 100000, got "1.5".'],
    ['--runs', '1e3', '--runs must be a whole number from 1 to 100000, got "1e3".'],
    ['--warmup', '1001', '--warmup must be a whole number from 0 to 1000, got "1001".'],
    ['--repeat', '0', '--repeat must be a whole number from 1 to 100, got "0".'],
    ['--port', '65536', '--port must be a whole number from 0 to 65535, got "65536".'],
    ['--detsize', '16', '--detsize must be a whole number from 32 to 4096, got "16".'],
    ['--threshold', 'ten', '--threshold must be a number ≥ 0, got "ten".'],
    ['--cell-timeout', '0', '--cell-timeout must be a number > 0, got "0".'],
    [
      '--browser-ws',
      'http://127.0.0.1:9222',
      '--browser-ws must be a ws:// or wss:// URL, got "http://127.0.0.1:9222".',
    ],
    ['--browser-ws', 'localhost:9222', '--browser-ws must be a ws:// or wss:// URL, got "localhost:9222".'],
    ['--out', ' ', '--out must not be empty.'],
    ['--baseline', '', '--baseline must not be empty.'],
    ['--baseline', 'a.json,,b.json', '--baseline has an empty entry in "a.json,,b.json".'],
  ])('rejects %s %j', (flag, value, message) => {
    expect(usageError(`${flag}=${value}`)).toBe(message);
  });

  it('passes on node:util’s messages for unknown flags, missing values and stray arguments', () => {
    expect(usageError('--frobnicate')).toBe("Unknown option '--frobnicate'");
    expect(usageError('--runs')).toBe("Option '--runs <value>' argument missing");
    expect(usageError('--native=yes')).toBe("Option '--native' does not take an argument");
    expect(usageError('--threshold', '-5')).toContain("'--threshold' argument is ambiguous");
    expect(usageError('ppocr-v4-rec')).toContain("Unexpected argument 'ppocr-v4-rec'");
  });
});

describe('USAGE', () => {
  it('documents every flag and the known models', () => {
    const flags = [
      'models',
      'backends',
      'runs',
      'warmup',
      'out',
      'native',
      'baseline',
      'allow-different-setup',
      'threshold',
      'repeat',
    ];
    for (const flag of [
      ...flags,
      'browser-ws',
      'port',
      'cell-timeout',
      'detsize',
      'no-eval',
      'no-build',
      'help',
    ]) {
      expect(USAGE).toContain(`--${flag} `);
    }
    for (const id of ALL_MODELS) expect(USAGE).toContain(id);
  });

  it('documents the exit codes', () => {
    expect(USAGE).toMatch(/Exit codes: 0 .*, 1 .*, 2 .*,\s+3 .*,\s+4 /s);
  });

  it('shows how to write session options in --backends', () => {
    expect(USAGE).toContain('session options as ~key=value, e.g. wasm-1t~opt=basic');
  });
});
