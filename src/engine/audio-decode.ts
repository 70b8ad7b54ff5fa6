// Decodes an audio file (WAV, MP3, OGG, WebM — whatever the browser's decoder reads) to mono float
// samples on the main thread, where Web Audio lives (workers have no AudioContext). Resampling to
// 16 kHz happens later in the worker with our own resampler.

import { InvalidInputError } from './errors';
import { mixToMono } from '../models/vad/resample';
import { parseWav } from '../models/vad/wav';

/** Rate the browser decodes to; the VAD pipeline resamples from here to 16 kHz. */
export const DECODE_SAMPLE_RATE = 48_000;

export interface DecodedAudio {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  readonly channelCount: number;
}

/** A WAV with a header and no samples would only get the browser's "Unable to decode audio data". */
function assertWavHasSamples(bytes: Uint8Array, fileName: string): void {
  const tag = String.fromCharCode(...bytes.subarray(0, 4)) + String.fromCharCode(...bytes.subarray(8, 12));
  if (tag !== 'RIFFWAVE') return;
  let wav: ReturnType<typeof parseWav>;
  try {
    wav = parseWav(bytes);
  } catch {
    return; // Let the browser's decoder judge (and name) a WAV our reader does not handle.
  }
  if ((wav.channels[0]?.length ?? 0) === 0) {
    throw new InvalidInputError(
      `"${fileName}" is a WAV file with no audio samples (only a header): there is nothing to analyse.`,
    );
  }
}

export async function decodeAudioFile(file: Blob, fileName: string): Promise<DecodedAudio> {
  const encoded = await file.arrayBuffer();
  if (encoded.byteLength === 0) {
    throw new InvalidInputError(`"${fileName}" is empty (0 bytes): there is no audio to analyse.`);
  }
  assertWavHasSamples(new Uint8Array(encoded), fileName);
  const context = new OfflineAudioContext(1, 1, DECODE_SAMPLE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await context.decodeAudioData(encoded);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(
      `"${fileName}" could not be decoded as audio (${reason}). Use a WAV, MP3 or OGG file.`,
    );
  }
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, index) =>
    buffer.getChannelData(index),
  );
  return {
    samples: mixToMono(channels),
    sampleRate: buffer.sampleRate,
    channelCount: buffer.numberOfChannels,
  };
}
