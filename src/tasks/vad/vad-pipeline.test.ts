// Runs the whole VAD pipeline with the real Silero models (onnxruntime-web's wasm backend in Node) on
// the fixtures from scripts/make-test-audio.ts and compares the segments with the known layout.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors';
import type { TensorRunner } from '../../core/tensor';
import { parseWav } from '../../inputs/wav';
import { createOrtRuntime } from '../../runtimes/ort/ort-runtime';
import type { ModelSession } from '../../runtimes/runtime';
import { mixToMono } from '../../inputs/resample';
import type { SpeechSegment } from './segments';
import type { SileroVariant } from './silero';
import { runVad } from './vad-pipeline';

const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const MODEL_FILES: Record<SileroVariant, string> = {
  'silero-vad-v5': 'silero_vad_v5.onnx',
  'silero-vad-v6': 'silero_vad_v6.onnx',
  'silero-vad-legacy': 'silero_vad_legacy.onnx',
};
const VARIANTS = Object.keys(MODEL_FILES) as SileroVariant[];
const BOUNDARY_TOLERANCE_S = 0.15;

/** Reads a fixture WAV with the app's own reader. */
function readWav(path: string) {
  return parseWav(new Uint8Array(readFileSync(repoFile(path))));
}

interface Truth {
  readonly segments: readonly (SpeechSegment & { readonly text: string })[];
}

function readTruth(path: string): Truth {
  return JSON.parse(readFileSync(repoFile(path), 'utf8')) as Truth;
}

const runners = new Map<SileroVariant, ModelSession>();

beforeAll(async () => {
  // The app's own ORT runtime, on wasm with one thread (Node has no JSPI, so the plain build; ORT finds
  // its wasm files itself in Node).
  const runtime = createOrtRuntime({ threads: 1, jspi: false });
  for (const variant of VARIANTS) {
    const model = readFileSync(repoFile(`node_modules/@ricky0123/vad-web/dist/${MODEL_FILES[variant]}`));
    runners.set(variant, await runtime.createSession(new Uint8Array(model), 'wasm', variant));
  }
});

afterAll(async () => {
  for (const session of runners.values()) await session.release();
});

function runner(variant: SileroVariant): TensorRunner {
  const loaded = runners.get(variant);
  if (!loaded) throw new Error(`${variant} did not load`);
  return loaded;
}

describe.each(['speech-16k', 'speech-44k-stereo'])('runVad on e2e/fixtures/%s.wav', (fixture) => {
  const wav = readWav(`e2e/fixtures/${fixture}.wav`);
  const truth = readTruth(`e2e/fixtures/${fixture}.json`);

  it.each(VARIANTS)(
    `finds each spoken phrase within ${BOUNDARY_TOLERANCE_S * 1000} ms with %s`,
    async (variant) => {
      const result = await runVad(mixToMono(wav.channels), wav.sampleRate, runner(variant), variant);
      const found = result.segments.map(({ startS, endS }) => [startS, endS]);
      expect(found, `segments found: ${JSON.stringify(found)}`).toHaveLength(truth.segments.length);
      for (const [i, expected] of truth.segments.entries()) {
        const segment = result.segments[i]!;
        expect(Math.abs(segment.startS - expected.startS), `start of "${expected.text}"`).toBeLessThanOrEqual(
          BOUNDARY_TOLERANCE_S,
        );
        expect(Math.abs(segment.endS - expected.endS), `end of "${expected.text}"`).toBeLessThanOrEqual(
          BOUNDARY_TOLERANCE_S,
        );
      }
      expect(result.audio.silent).toBe(false);
    },
  );
});

describe('runVad results', () => {
  it('reports frames, audio stats and timings', async () => {
    const wav = readWav('e2e/fixtures/speech-16k.wav');
    const [samples] = wav.channels;
    const result = await runVad(samples!, wav.sampleRate, runner('silero-vad-v5'), 'silero-vad-v5');
    expect(result.frameSeconds).toBe(0.032);
    expect(result.probabilities).toHaveLength(Math.ceil(samples!.length / 512));
    expect(result.audio.durationS).toBeCloseTo(samples!.length / 16000, 9);
    expect(result.audio.peakDb).toBeCloseTo(-3, 0);
    const { resampleMs, inferenceMs, totalMs, perFrameMs } = result.timings;
    expect(inferenceMs).toBeGreaterThan(0);
    expect(totalMs).toBeGreaterThanOrEqual(resampleMs + inferenceMs);
    expect(perFrameMs).toBeCloseTo(inferenceMs / result.probabilities.length, 9);
  });

  it('flags the silent fixture and finds no speech in it', async () => {
    const wav = readWav('e2e/fixtures/silence-16k.wav');
    const result = await runVad(
      mixToMono(wav.channels),
      wav.sampleRate,
      runner('silero-vad-v5'),
      'silero-vad-v5',
    );
    expect(result.audio).toEqual({ durationS: 3, peakDb: -Infinity, silent: true });
    expect(result.segments).toEqual([]);
  });

  it('rejects the empty fixture as containing no audio samples', async () => {
    const wav = readWav('e2e/fixtures/empty.wav');
    const run = runVad(mixToMono(wav.channels), wav.sampleRate, runner('silero-vad-v5'), 'silero-vad-v5');
    await expect(run).rejects.toThrow(InvalidInputError);
    await expect(run).rejects.toThrow(/contains no audio samples/);
  });
});
