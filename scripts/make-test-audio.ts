// Builds the speech test audio with espeak-ng and sox: WAV files whose speech/silence layout is known
// to the sample, plus a JSON of the true speech segments next to each, so VAD tests can check what the
// model finds. Also writes the app's built-in sample and two edge cases (digital silence, no samples).
// Run with `npx tsx scripts/make-test-audio.ts`; needs the Debian packages espeak-ng and sox.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const FIXTURES_DIR = 'e2e/fixtures';
const SAMPLE_PATH = 'public/samples/speech-sample.wav';
const MAX_FILE_BYTES = 400 * 1024;
const VOICE = 'en-us';
/** sox `silence` arguments that cut espeak's own lead-in and tail, so each phrase starts and ends on sound. */
const TRIM_LEADING_SILENCE = ['silence', '1', '0.01', '0.5%'];

type Part = { readonly silenceS: number } | { readonly text: string };

interface SpeechFixture {
  readonly name: string;
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  readonly parts: readonly Part[];
}

interface TrueSegment {
  readonly text: string;
  readonly startS: number;
  readonly endS: number;
}

const SPEECH_FIXTURES: readonly SpeechFixture[] = [
  {
    name: 'speech-16k',
    sampleRate: 16000,
    channels: 1,
    parts: [
      { silenceS: 1.0 },
      { text: 'the quick brown fox jumps over the lazy dog' },
      { silenceS: 1.5 },
      { text: 'please turn on the kitchen lights' },
      { silenceS: 1.0 },
    ],
  },
  {
    // Stereo 44.1 kHz costs 176 KB a second, so this one holds a single short phrase to stay small.
    name: 'speech-44k-stereo',
    sampleRate: 44100,
    channels: 2,
    parts: [{ silenceS: 0.6 }, { text: 'open the window' }, { silenceS: 0.6 }],
  },
];

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' }).trim();
}

function sampleCount(wavPath: string): number {
  return Number(run('soxi', ['-s', wavPath]));
}

/** sox format options for 16-bit mono PCM, plus -D (no dither) so reruns give identical files. */
function monoPcm(sampleRate: number): string[] {
  return ['-D', '-r', String(sampleRate), '-c', '1', '-b', '16', '-e', 'signed-integer'];
}

/** Digital silence; the null input needs the rate too, or sox makes it at 48 kHz and resamples. */
function renderSilence(outPath: string, sampleRate: number, seconds: number): void {
  const format = monoPcm(sampleRate);
  run('sox', [...format, '-n', ...format, outPath, 'trim', '0', `${Math.round(seconds * sampleRate)}s`]);
}

function renderSpeech(outPath: string, sampleRate: number, text: string, workDir: string): void {
  const rawPath = join(workDir, 'espeak.wav');
  run('espeak-ng', ['-v', VOICE, '-w', rawPath, text]);
  // Trim the start, reverse, trim the (former) end, reverse back; then normalise to -3 dBFS peak.
  const trimBothEnds = [...TRIM_LEADING_SILENCE, 'reverse', ...TRIM_LEADING_SILENCE, 'reverse'];
  run('sox', [rawPath, ...monoPcm(sampleRate), outPath, ...trimBothEnds, 'gain', '-n', '-3']);
}

/** Renders the parts, concatenates them and returns where the speech parts ended up. */
function buildSpeechFixture(fixture: SpeechFixture, workDir: string): TrueSegment[] {
  const partPaths: string[] = [];
  const segments: TrueSegment[] = [];
  let offsetSamples = 0;
  for (const [index, part] of fixture.parts.entries()) {
    const partPath = join(workDir, `${fixture.name}-part${index}.wav`);
    if ('text' in part) renderSpeech(partPath, fixture.sampleRate, part.text, workDir);
    else renderSilence(partPath, fixture.sampleRate, part.silenceS);
    const length = sampleCount(partPath);
    if ('text' in part) {
      segments.push({
        text: part.text,
        startS: offsetSamples / fixture.sampleRate,
        endS: (offsetSamples + length) / fixture.sampleRate,
      });
    }
    offsetSamples += length;
    partPaths.push(partPath);
  }

  const wavPath = join(FIXTURES_DIR, `${fixture.name}.wav`);
  run('sox', [...partPaths, '-D', '-c', String(fixture.channels), wavPath]);
  if (sampleCount(wavPath) !== offsetSamples)
    throw new Error(`${wavPath}: length differs from the sum of its parts`);

  const truth = {
    file: `${fixture.name}.wav`,
    sampleRate: fixture.sampleRate,
    channels: fixture.channels,
    durationS: offsetSamples / fixture.sampleRate,
    voice: VOICE,
    segments,
  };
  writeFileSync(join(FIXTURES_DIR, `${fixture.name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
  return segments;
}

function assertSmall(path: string): void {
  const bytes = statSync(path).size;
  if (bytes > MAX_FILE_BYTES)
    throw new Error(`${path} is ${bytes} bytes, over the ${MAX_FILE_BYTES} byte limit`);
  console.log(`${path}: ${(bytes / 1024).toFixed(0)} KB`);
}

function main(): void {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  mkdirSync(dirname(SAMPLE_PATH), { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'make-test-audio-'));
  try {
    for (const fixture of SPEECH_FIXTURES) {
      const segments = buildSpeechFixture(fixture, workDir);
      for (const { text, startS, endS } of segments) {
        console.log(`${fixture.name}: ${startS.toFixed(3)}-${endS.toFixed(3)} s "${text}"`);
      }
    }
    renderSilence(join(FIXTURES_DIR, 'silence-16k.wav'), 16000, 3);
    // A valid WAV header announcing zero samples.
    renderSilence(join(FIXTURES_DIR, 'empty.wav'), 16000, 0);
    copyFileSync(join(FIXTURES_DIR, 'speech-16k.wav'), SAMPLE_PATH);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  for (const name of ['speech-16k', 'speech-44k-stereo', 'silence-16k', 'empty']) {
    assertSmall(join(FIXTURES_DIR, `${name}.wav`));
  }
  assertSmall(SAMPLE_PATH);
}

main();
