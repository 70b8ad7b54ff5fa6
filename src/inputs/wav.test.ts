// Checks the WAV reader on the committed e2e speech fixtures and on hand-built files covering every
// sample format it accepts, chunk walking, truncation and the errors for files it cannot read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors';
import { parseWav } from './wav';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url)));
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const u16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** A chunk with its pad byte when the body is odd-sized (omitted with `pad: false`). */
function chunk(
  id: string,
  body: readonly number[],
  options: { size?: number; pad?: boolean } = {},
): number[] {
  const padByte = body.length % 2 === 1 && options.pad !== false ? [0] : [];
  return [...ascii(id), ...u32(options.size ?? body.length), ...body, ...padByte];
}

interface FmtSpec {
  readonly formatTag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bits: number;
  /** WAVE_FORMAT_EXTENSIBLE with this subformat code (and a standard GUID unless `guidTail` is given). */
  readonly subformat?: number;
  readonly guidTail?: readonly number[];
}

const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function fmtChunk(spec: FmtSpec): number[] {
  const blockAlign = spec.channels * Math.ceil(spec.bits / 8);
  const body = [
    ...u16(spec.subformat === undefined ? spec.formatTag : 0xfffe),
    ...u16(spec.channels),
    ...u32(spec.sampleRate),
    ...u32(spec.sampleRate * blockAlign),
    ...u16(blockAlign),
    ...u16(spec.bits),
  ];
  if (spec.subformat !== undefined) {
    // cbSize, valid bits, channel mask, subformat GUID
    body.push(
      ...u16(22),
      ...u16(spec.bits),
      ...u32(0),
      ...u16(spec.subformat),
      ...(spec.guidTail ?? GUID_TAIL),
    );
  }
  return chunk('fmt ', body);
}

function riff(chunks: readonly number[][], form = 'WAVE'): Uint8Array {
  const body = [...ascii(form), ...chunks.flat()];
  return Uint8Array.from([...ascii('RIFF'), ...u32(body.length), ...body]);
}

function bytesOf(values: readonly number[], type: 'i16' | 'i24' | 'i32' | 'f32' | 'f64'): number[] {
  const size = { i16: 2, i24: 3, i32: 4, f32: 4, f64: 8 }[type];
  const view = new DataView(new ArrayBuffer(values.length * size));
  values.forEach((v, i) => {
    const at = i * size;
    if (type === 'i16') view.setInt16(at, v, true);
    else if (type === 'i32') view.setInt32(at, v, true);
    else if (type === 'f32') view.setFloat32(at, v, true);
    else if (type === 'f64') view.setFloat64(at, v, true);
    else {
      view.setUint8(at, v & 0xff);
      view.setUint8(at + 1, (v >> 8) & 0xff);
      view.setUint8(at + 2, (v >> 16) & 0xff);
    }
  });
  return Array.from(new Uint8Array(view.buffer));
}

const f32 = (values: readonly number[]) => Float32Array.from(values);

describe('parseWav on the e2e fixtures', () => {
  it('reads speech-16k.wav: mono 16 kHz 16-bit, 7.66 s', () => {
    const wav = parseWav(fixture('speech-16k.wav'));
    expect(wav.sampleRate).toBe(16000);
    expect(wav.encoding).toBe('pcm');
    expect(wav.bitsPerSample).toBe(16);
    expect(wav.truncated).toBe(false);
    expect(wav.channels).toHaveLength(1);
    const mono = wav.channels[0]!;
    expect(mono.length).toBe(122567); // 7.6604375 s × 16000
    expect(Array.from(mono.subarray(16000, 16004))).toEqual([887, 1241, 1400, 1629].map((v) => v / 32768));
    expect(mono[95408]).toBe(23255 / 32768); // the loudest sample
  });

  it('reads speech-44k-stereo.wav: two 44.1 kHz channels', () => {
    const wav = parseWav(fixture('speech-44k-stereo.wav'));
    expect(wav.sampleRate).toBe(44100);
    expect(wav.truncated).toBe(false);
    expect(wav.channels).toHaveLength(2);
    const [left, right] = wav.channels;
    expect(left!.length).toBe(92226);
    expect(right!.length).toBe(92226);
    const expected = [-854, -874, -924].map((v) => v / 32768);
    expect(Array.from(left!.subarray(40000, 40003))).toEqual(expected);
    expect(Array.from(right!.subarray(40000, 40003))).toEqual(expected);
  });

  it('reads empty.wav as one channel with no samples', () => {
    const wav = parseWav(fixture('empty.wav'));
    expect(wav.sampleRate).toBe(16000);
    expect(wav.channels).toEqual([new Float32Array(0)]);
    expect(wav.truncated).toBe(false);
  });
});

describe('parseWav sample formats', () => {
  it('reads unsigned 8-bit PCM with 128 as silence', () => {
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bits: 8 }),
        chunk('data', [0, 64, 128, 192, 255]),
      ]),
    );
    expect(wav.bitsPerSample).toBe(8);
    expect(wav.channels).toEqual([f32([-1, -0.5, 0, 0.5, 127 / 128])]);
  });

  it('reads signed 24-bit PCM', () => {
    const values = [-8388608, -4194304, -1, 0, 1, 4194304, 8388607];
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 1, channels: 1, sampleRate: 48000, bits: 24 }),
        chunk('data', bytesOf(values, 'i24')),
      ]),
    );
    expect(wav.channels).toEqual([f32([-1, -0.5, -1 / 8388608, 0, 1 / 8388608, 0.5, 8388607 / 8388608])]);
  });

  it('reads signed 32-bit PCM', () => {
    const values = [-2147483648, -1073741824, 0, 1073741824, 2147483647];
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 1, channels: 1, sampleRate: 48000, bits: 32 }),
        chunk('data', bytesOf(values, 'i32')),
      ]),
    );
    expect(wav.encoding).toBe('pcm');
    // 2147483647 / 2^31 rounds to 1 in float32.
    expect(wav.channels).toEqual([f32([-1, -0.5, 0, 0.5, 1])]);
  });

  it('reads interleaved 32-bit float, keeping values outside [-1, 1]', () => {
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 3, channels: 2, sampleRate: 22050, bits: 32 }),
        chunk('data', bytesOf([0.25, -0.75, 1.5, 0.1], 'f32')),
      ]),
    );
    expect(wav.encoding).toBe('float');
    expect(wav.sampleRate).toBe(22050);
    expect(wav.channels).toEqual([f32([0.25, 1.5]), f32([-0.75, 0.1])]);
  });

  it('reads 64-bit float', () => {
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 3, channels: 1, sampleRate: 16000, bits: 64 }),
        chunk('data', bytesOf([0.1, -0.2], 'f64')),
      ]),
    );
    expect(wav.channels).toEqual([f32([0.1, -0.2])]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with a PCM subformat', () => {
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 1, channels: 2, sampleRate: 44100, bits: 16, subformat: 1 }),
        chunk('data', bytesOf([16384, -32768, -16384, 32767], 'i16')),
      ]),
    );
    expect(wav.encoding).toBe('pcm');
    expect(wav.channels).toEqual([f32([0.5, -0.5]), f32([-1, 32767 / 32768])]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with an IEEE float subformat', () => {
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 3, channels: 1, sampleRate: 48000, bits: 32, subformat: 3 }),
        chunk('data', bytesOf([-0.125, 0.625], 'f32')),
      ]),
    );
    expect(wav.encoding).toBe('float');
    expect(wav.channels).toEqual([f32([-0.125, 0.625])]);
  });
});

describe('parseWav chunk walking', () => {
  const fmt16 = fmtChunk({ formatTag: 1, channels: 1, sampleRate: 16000, bits: 16 });
  const samples = bytesOf([1000, -2000, 3000], 'i16');
  const expected = [f32([1000 / 32768, -2000 / 32768, 3000 / 32768])];

  it('skips LIST, fact and trailing chunks, following odd sizes with their pad byte', () => {
    const wav = parseWav(
      riff([
        chunk('LIST', [...ascii('INFOI'), 1, 2]), // 7 bytes + pad
        fmt16,
        chunk('fact', u32(3)),
        chunk('data', samples),
        chunk('id3 ', [1, 2, 3]),
      ]),
    );
    expect(wav.channels).toEqual(expected);
    expect(wav.truncated).toBe(false);
  });

  it('accepts an odd-sized chunk whose writer left out the pad byte', () => {
    const wav = parseWav(
      riff([chunk('LIST', [1, 2, 3, 4, 5], { pad: false }), fmt16, chunk('data', samples)]),
    );
    expect(wav.channels).toEqual(expected);
  });

  it('reads an odd-sized 8-bit data chunk followed by its pad byte and another chunk', () => {
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bits: 8 }),
        chunk('data', [128, 255, 0]),
        chunk('LIST', [0, 0]),
      ]),
    );
    expect(wav.channels).toEqual([f32([0, 127 / 128, -1])]);
    expect(wav.truncated).toBe(false);
  });

  it('finds a data chunk placed before the fmt chunk', () => {
    expect(parseWav(riff([chunk('data', samples), fmt16])).channels).toEqual(expected);
  });

  it('reads from a Uint8Array that is a view into a larger buffer', () => {
    const file = riff([fmt16, chunk('data', samples)]);
    const larger = new Uint8Array(file.length + 10);
    larger.set(file, 7);
    expect(parseWav(larger.subarray(7, 7 + file.length)).channels).toEqual(expected);
  });
});

describe('parseWav truncation', () => {
  it('reads what exists of a data chunk that claims more bytes than the file has', () => {
    const file = riff([
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 16000, bits: 16 }),
      chunk('data', bytesOf([100, 200, 300], 'i16'), { size: 1000 }),
    ]);
    const wav = parseWav(file);
    expect(wav.truncated).toBe(true);
    expect(wav.channels).toEqual([f32([100 / 32768, 200 / 32768, 300 / 32768])]);
  });

  it('drops a partial last frame and flags it', () => {
    const wav = parseWav(
      riff([
        fmtChunk({ formatTag: 1, channels: 2, sampleRate: 16000, bits: 16 }),
        chunk('data', bytesOf([100, -100, 200], 'i16')),
      ]),
    );
    expect(wav.truncated).toBe(true);
    expect(wav.channels).toEqual([f32([100 / 32768]), f32([-100 / 32768])]);
  });
});

describe('parseWav errors', () => {
  const fmt16 = fmtChunk({ formatTag: 1, channels: 1, sampleRate: 16000, bits: 16 });

  function errorOf(bytes: Uint8Array): Error {
    try {
      parseWav(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return error as Error;
    }
    throw new Error('parseWav did not throw');
  }

  it('rejects files that are not RIFF/WAVE', () => {
    expect(errorOf(new Uint8Array(4)).message).toMatch(/too short for a RIFF header/);
    expect(errorOf(Uint8Array.from(ascii('ID3\u0004 not a wave file'))).message).toMatch(/not a RIFF file/);
    expect(errorOf(Uint8Array.from([...ascii('RIFX'), ...u32(4), ...ascii('WAVE')])).message).toMatch(/RIFX/);
    expect(errorOf(riff([], 'AVI ')).message).toMatch(/RIFF file of type "AVI ", not WAVE/);
  });

  it('names a missing fmt or data chunk', () => {
    expect(errorOf(riff([chunk('data', [0, 0])])).message).toMatch(/no fmt chunk/);
    expect(errorOf(riff([fmt16])).message).toMatch(/no data chunk/);
    expect(errorOf(riff([fmt16, chunk('LIST', [0, 0])])).message).toMatch(/no data chunk/);
  });

  it('names an unsupported format', () => {
    const alaw = riff([
      fmtChunk({ formatTag: 6, channels: 1, sampleRate: 8000, bits: 8 }),
      chunk('data', [0]),
    ]);
    expect(errorOf(alaw).message).toMatch(/unsupported format 0x0006 \(A-law\)/);
    const adpcm = riff([
      fmtChunk({ formatTag: 0x11, channels: 1, sampleRate: 8000, bits: 4 }),
      chunk('data', [0]),
    ]);
    expect(errorOf(adpcm).message).toMatch(/IMA ADPCM/);
    const float16 = riff([
      fmtChunk({ formatTag: 3, channels: 1, sampleRate: 8000, bits: 16 }),
      chunk('data', [0, 0]),
    ]);
    expect(errorOf(float16).message).toMatch(/float sample size of 16 bits/);
    const pcm40 = riff([
      fmtChunk({ formatTag: 1, channels: 1, sampleRate: 8000, bits: 40 }),
      chunk('data', [0]),
    ]);
    expect(errorOf(pcm40).message).toMatch(/PCM sample size of 40 bits/);
    const oddGuid = riff([
      fmtChunk({
        formatTag: 1,
        channels: 1,
        sampleRate: 8000,
        bits: 16,
        subformat: 1,
        guidTail: Array(14).fill(1),
      }),
      chunk('data', [0, 0]),
    ]);
    expect(errorOf(oddGuid).message).toMatch(/WAVE_FORMAT_EXTENSIBLE subformat/);
  });

  it('names a broken fmt chunk', () => {
    expect(errorOf(riff([chunk('fmt ', [1, 0, 1, 0]), chunk('data', [0, 0])])).message).toMatch(
      /fmt chunk is 4 bytes/,
    );
    const cutOff = riff([fmt16]).subarray(0, 30);
    expect(errorOf(cutOff).message).toMatch(/fmt chunk is cut off/);
    const noChannels = riff([
      fmtChunk({ formatTag: 1, channels: 0, sampleRate: 8000, bits: 16 }),
      chunk('data', []),
    ]);
    expect(errorOf(noChannels).message).toMatch(/0 channels/);
  });
});
