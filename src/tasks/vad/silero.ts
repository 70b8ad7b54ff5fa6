// Runs a Silero VAD model frame by frame over 16 kHz mono audio and returns one speech probability per
// frame. The three model files differ only in frame size, recurrent state and context, described in
// SILERO_MODELS, so one loop serves them all through the runtime-neutral TensorRunner.
import { expectFloat32, float32Tensor, int64Scalar } from '../../core/tensor';
import type { TensorData, TensorRunner } from '../../core/tensor';
import { rootModelId } from '../../catalog/variant-id';

export const SILERO_SAMPLE_RATE = 16000;

export type SileroVariant = 'silero-vad-v5' | 'silero-vad-v6' | 'silero-vad-legacy';

/** The Silero version a model id names (an optimizer's variant, `silero-vad-v5~fp16`, by the model it
 * was made from); throws for a model this file does not describe. */
export function sileroVariant(modelId: string): SileroVariant {
  const root = rootModelId(modelId);
  if (root in SILERO_MODELS) return root as SileroVariant;
  throw new Error(
    `"${modelId}" is not a Silero VAD model this app knows (${Object.keys(SILERO_MODELS).join(', ')})`,
  );
}

interface RecurrentState {
  readonly input: string;
  /** The output fed back as `input` on the next frame. */
  readonly output: string;
  readonly dims: readonly number[];
}

export interface SileroModel {
  /** New samples per model call, at 16 kHz. */
  readonly frameSamples: number;
  /** Samples carried over from the end of the previous frame and put in front of each frame. */
  readonly contextSamples: number;
  readonly audioInput: string;
  readonly sampleRateInput: string;
  readonly probabilityOutput: string;
  readonly states: readonly RecurrentState[];
}

// v5 and v6 take 512-sample frames with the previous frame's last 64 samples in front ([1, 576]), as
// silero-vad's own OnnxWrapper does. Measured in Node (ORT-web wasm) on e2e/fixtures/speech-16k.wav:
// with the context, v5 stays at or below 0.02 in the silences and v6 at or below 0.09; without it, v5
// reaches 0.62 in a silence and stretches a segment 0.29 s past the end of its phrase, and v6 never
// exceeds 0.01, not even during speech.
const SILERO_V5_V6: SileroModel = {
  frameSamples: 512,
  contextSamples: 64,
  audioInput: 'input',
  sampleRateInput: 'sr',
  probabilityOutput: 'output',
  states: [{ input: 'state', output: 'stateN', dims: [2, 1, 128] }],
};

export const SILERO_MODELS: Readonly<Record<SileroVariant, SileroModel>> = {
  'silero-vad-v5': SILERO_V5_V6,
  'silero-vad-v6': SILERO_V5_V6,
  // v4 ("legacy") takes no context and keeps an LSTM's h and c. It also accepts 512 or 1024 samples;
  // 1536 is what @ricky0123/vad-web uses, and on the fixtures it puts every boundary within 0.13 s of
  // the truth, as 512 does, while costing less inference time per second of audio.
  'silero-vad-legacy': {
    frameSamples: 1536,
    contextSamples: 0,
    audioInput: 'input',
    sampleRateInput: 'sr',
    probabilityOutput: 'output',
    states: [
      { input: 'h', output: 'hn', dims: [2, 1, 64] },
      { input: 'c', output: 'cn', dims: [2, 1, 64] },
    ],
  },
};

/** Upper bound on onProgress calls per run, so progress messages stay cheap on long audio. */
const MAX_PROGRESS_CALLS = 20;

/**
 * One Silero model stepping through audio: feeds each frame with the recurrent state the previous
 * frame returned. The VAD pipeline runs it over a whole clip; the benchmark times single steps.
 */
export class SileroStream {
  readonly model: SileroModel;
  private readonly sampleRate = int64Scalar(SILERO_SAMPLE_RATE);
  private states: Record<string, TensorData> = {};

  constructor(
    readonly runner: TensorRunner,
    variant: SileroVariant,
  ) {
    this.model = SILERO_MODELS[variant];
    assertModelMatches(runner, this.model, variant);
    this.reset();
  }

  /** Back to silence: zero recurrent state. */
  reset(): void {
    this.states = Object.fromEntries(
      this.model.states.map(({ input, dims }) => [
        input,
        float32Tensor(new Float32Array(elementCount(dims)), dims),
      ]),
    );
  }

  /** Frame `frame` of `samples16k` with its context in front; zeros stand in beyond either end. */
  frameInput(samples16k: Float32Array, frame: number): Float32Array {
    const { frameSamples, contextSamples } = this.model;
    const inputLength = contextSamples + frameSamples;
    const contextStart = frame * frameSamples - contextSamples;
    const input = new Float32Array(inputLength);
    input.set(
      samples16k.subarray(Math.max(0, contextStart), contextStart + inputLength),
      Math.max(0, -contextStart),
    );
    return input;
  }

  /** The feeds the next step takes for one frame (as built by frameInput): audio, rate and the current state. */
  feeds(input: Float32Array): Record<string, TensorData> {
    const { model } = this;
    return {
      [model.audioInput]: float32Tensor(input, [1, input.length]),
      [model.sampleRateInput]: this.sampleRate,
      ...this.states,
    };
  }

  /** Speech probability of one frame (as built by frameInput); advances the recurrent state. */
  async step(input: Float32Array): Promise<number> {
    const { model } = this;
    const outputs = await this.runner.run(this.feeds(input));
    const probability = expectFloat32(outputs, model.probabilityOutput).data[0];
    if (probability === undefined) throw new Error(`Model output "${model.probabilityOutput}" is empty`);
    const states: Record<string, TensorData> = {};
    for (const { input: name, output } of model.states) states[name] = expectFloat32(outputs, output);
    this.states = states;
    return probability;
  }
}

/**
 * Speech probability for each frame of `samples16k`; frame i covers samples [i * frameSamples,
 * (i + 1) * frameSamples) and the last, partial frame is zero-padded.
 */
export async function detectVoiceActivity(
  samples16k: Float32Array,
  runner: TensorRunner,
  variant: SileroVariant,
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array> {
  const stream = new SileroStream(runner, variant);
  const frameCount = Math.ceil(samples16k.length / stream.model.frameSamples);
  const progressEvery = Math.ceil(frameCount / MAX_PROGRESS_CALLS);
  const probabilities = new Float32Array(frameCount);
  for (let frame = 0; frame < frameCount; frame++) {
    probabilities[frame] = await stream.step(stream.frameInput(samples16k, frame));
    const done = frame + 1;
    if (onProgress && (done % progressEvery === 0 || done === frameCount)) onProgress(done, frameCount);
  }
  return probabilities;
}

/** Fails early, naming the difference, when the loaded model is not the variant asked for. */
function assertModelMatches(runner: TensorRunner, model: SileroModel, variant: SileroVariant): void {
  const inputs = [model.audioInput, model.sampleRateInput, ...model.states.map((state) => state.input)];
  const outputs = [model.probabilityOutput, ...model.states.map((state) => state.output)];
  const missingInput = inputs.find((name) => !runner.inputNames.includes(name));
  const missingOutput = outputs.find((name) => !runner.outputNames.includes(name));
  if (missingInput !== undefined || missingOutput !== undefined) {
    const missing = missingInput !== undefined ? `input "${missingInput}"` : `output "${missingOutput}"`;
    throw new Error(
      `The loaded model does not look like ${variant}: it has no ${missing} ` +
        `(inputs: ${runner.inputNames.join(', ')}; outputs: ${runner.outputNames.join(', ')})`,
    );
  }
}

function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, dim) => product * dim, 1);
}
