// Decodes an audio file (WAV, MP3, OGG, WebM — whatever the browser's decoder reads) to mono float
// samples on the main thread, where Web Audio lives (workers have no AudioContext). The browser's
// decoder also resamples to the rate the task asks for, in native code: decoding 60 s of speech at
// 48 kHz and resampling it to 16 kHz in the worker took 280 ms of the VAD run (`npm run bench:e2e`).

import { InvalidInputError, errorMessage } from '../core/errors';
import { mixToMono } from './resample';
import { parseWav } from './wav';

export interface DecodedAudio {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  readonly channelCount: number;
}

/**
 * Why the browser could not decode the file, in better words where we can tell: a WAV with a header and
 * no samples only gets "Unable to decode audio data". Runs only after decoding failed, so a good file is
 * never read twice.
 */
function explainUndecodable(bytes: Uint8Array, fileName: string, reason: string): InvalidInputError {
  const tag = String.fromCharCode(...bytes.subarray(0, 4)) + String.fromCharCode(...bytes.subarray(8, 12));
  if (tag === 'RIFFWAVE') {
    try {
      if ((parseWav(bytes).channels[0]?.length ?? 0) === 0) {
        return new InvalidInputError(
          `"${fileName}" is a WAV file with no audio samples (only a header): there is nothing to analyse.`,
        );
      }
    } catch {
      // Our reader cannot tell either; the browser's reason stands.
    }
  }
  return new InvalidInputError(
    `"${fileName}" could not be decoded as audio (${reason}). Use a WAV, MP3 or OGG file.`,
  );
}

/** Decodes `file` to mono samples at `sampleRate` (the rate the task's model takes). */
export async function decodeAudioFile(
  file: Blob,
  fileName: string,
  sampleRate: number,
): Promise<DecodedAudio> {
  const encoded = await file.arrayBuffer();
  if (encoded.byteLength === 0) {
    throw new InvalidInputError(`"${fileName}" is empty (0 bytes): there is no audio to analyse.`);
  }
  // decodeAudioData detaches the buffer it is given; keep the bytes for explaining a failure.
  const bytes = new Uint8Array(encoded.slice(0, Math.min(encoded.byteLength, 1 << 20)));
  const context = new OfflineAudioContext(1, 1, sampleRate);
  let buffer: AudioBuffer;
  try {
    buffer = await context.decodeAudioData(encoded);
  } catch (error) {
    throw explainUndecodable(bytes, fileName, errorMessage(error));
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
