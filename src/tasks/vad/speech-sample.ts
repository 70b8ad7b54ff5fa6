// The app's own speech sample, decoded and resampled to 16 kHz once per engine: the benchmark loops it
// to a clip, and the evaluation set and calibration split are spliced from its phrases.

import { mixToMono, resample } from '../../inputs/resample';
import { parseWav } from '../../inputs/wav';
import type { TaskFiles } from '../../task-kit/task';
import { SILERO_SAMPLE_RATE } from './silero';

/** public/samples/speech-sample.wav (a copy of e2e/fixtures/speech-16k.wav). */
export const SPEECH_SAMPLE_PATH = 'samples/speech-sample.wav';

export function sampleSpeech16k(files: TaskFiles): Promise<Float32Array> {
  return files.memo('vad-sample-speech-16k', async () => {
    const wav = parseWav(await files.appFile(SPEECH_SAMPLE_PATH));
    return resample(mixToMono(wav.channels), wav.sampleRate, SILERO_SAMPLE_RATE);
  });
}
