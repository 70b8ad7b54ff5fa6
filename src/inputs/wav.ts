// Decodes RIFF/WAVE files to float samples without Web Audio. The benchmark worker loads its speech
// clip itself, and workers have no AudioContext, so this reads the file format directly: PCM integer
// (8, 16, 24, 32 bit), IEEE float (32, 64 bit) and WAVE_FORMAT_EXTENSIBLE wrapping either.

import { InvalidInputError } from '../core/errors';

export interface WavAudio {
  readonly sampleRate: number;
  /** One array per channel, samples scaled to [-1, 1) (float files keep their values as stored). */
  readonly channels: Float32Array[];
  readonly encoding: 'pcm' | 'float';
  /** Bits per sample as stored (the container size, e.g. 16 for 12-bit audio in 16-bit words). */
  readonly bitsPerSample: number;
  /**
   * The data chunk claims more bytes than the file has, or ends inside a sample frame. The samples
   * that do exist are returned; the rest of the clip is missing.
   */
  readonly truncated: boolean;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** KSDATAFORMAT_SUBTYPE_* GUIDs are the format code followed by these 14 bytes. */
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

const FORMAT_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0055: 'MP3',
};

function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function isChunkId(view: DataView, offset: number): boolean {
  if (offset + 4 > view.byteLength) return false;
  for (let i = 0; i < 4; i++) {
    const c = view.getUint8(offset + i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

interface Format {
  readonly encoding: 'pcm' | 'float';
  readonly channelCount: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
}

function fail(message: string): never {
  throw new InvalidInputError(`Cannot read WAV: ${message}`);
}

function readFormat(view: DataView, offset: number, size: number): Format {
  if (size < 16) fail(`the fmt chunk is ${size} bytes, shorter than the 16 a PCM format needs.`);
  let formatTag = view.getUint16(offset, true);
  const channelCount = view.getUint16(offset + 2, true);
  const sampleRate = view.getUint32(offset + 4, true);
  const bitsPerSample = view.getUint16(offset + 14, true);

  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) fail(`the WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes, shorter than 40.`);
    const subformat = offset + 24;
    const tailMatches = SUBFORMAT_GUID_TAIL.every((byte, i) => view.getUint8(subformat + 2 + i) === byte);
    if (!tailMatches) fail('unsupported WAVE_FORMAT_EXTENSIBLE subformat (not a PCM or IEEE float GUID).');
    formatTag = view.getUint16(subformat, true);
  }

  let encoding: 'pcm' | 'float';
  if (formatTag === WAVE_FORMAT_PCM) encoding = 'pcm';
  else if (formatTag === WAVE_FORMAT_IEEE_FLOAT) encoding = 'float';
  else {
    const name = FORMAT_NAMES[formatTag];
    const code = `0x${formatTag.toString(16).padStart(4, '0')}`;
    fail(`unsupported format ${code}${name ? ` (${name})` : ''}; only PCM and IEEE float are read.`);
  }

  if (channelCount === 0) fail('the fmt chunk says 0 channels.');
  if (sampleRate === 0) fail('the fmt chunk says a sample rate of 0 Hz.');
  const containerBytes = Math.ceil(bitsPerSample / 8);
  if (encoding === 'pcm' && (containerBytes < 1 || containerBytes > 4)) {
    fail(`unsupported PCM sample size of ${bitsPerSample} bits; 8, 16, 24 and 32 are read.`);
  }
  if (encoding === 'float' && bitsPerSample !== 32 && bitsPerSample !== 64) {
    fail(`unsupported float sample size of ${bitsPerSample} bits; 32 and 64 are read.`);
  }
  return { encoding, channelCount, sampleRate, bitsPerSample: containerBytes * 8 };
}

type SampleReader = (view: DataView, offset: number) => number;

function sampleReader({ encoding, bitsPerSample }: Format): SampleReader {
  if (encoding === 'float') {
    return bitsPerSample === 64
      ? (view, offset) => view.getFloat64(offset, true)
      : (view, offset) => view.getFloat32(offset, true);
  }
  switch (bitsPerSample) {
    case 8: // unsigned, 128 is silence
      return (view, offset) => (view.getUint8(offset) - 128) / 128;
    case 16:
      return (view, offset) => view.getInt16(offset, true) / 32768;
    case 24:
      return (view, offset) =>
        ((view.getInt8(offset + 2) << 16) | (view.getUint8(offset + 1) << 8) | view.getUint8(offset)) /
        8388608;
    default:
      return (view, offset) => view.getInt32(offset, true) / 2147483648;
  }
}

/**
 * Parses a WAV file. Chunks other than `fmt ` and `data` (LIST, fact, cue, …) are skipped, odd-sized
 * chunks are followed by their pad byte (or not, for writers that forget it). Throws an
 * InvalidInputError naming the problem: not RIFF/WAVE, no fmt or data chunk, unsupported format.
 * A data chunk cut short is read up to what exists and flagged with `truncated`.
 */
export function parseWav(bytes: Uint8Array): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.byteLength < 12) fail(`the file is ${view.byteLength} bytes, too short for a RIFF header.`);
  const riff = fourCC(view, 0);
  if (riff === 'RIFX') fail('big-endian RIFX files are not supported.');
  if (riff === 'RF64') fail('RF64 (64-bit RIFF) files are not supported.');
  if (riff !== 'RIFF') fail('not a RIFF file (it does not start with "RIFF").');
  const form = fourCC(view, 8);
  if (form !== 'WAVE') fail(`a RIFF file of type "${form}", not WAVE.`);

  let format: Format | undefined;
  let data: { offset: number; size: number; truncated: boolean } | undefined;
  let offset = 12;
  while (offset + 8 <= view.byteLength) {
    const id = fourCC(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const available = view.byteLength - body;
    if (id === 'fmt ') {
      if (size > available) fail(`the fmt chunk is cut off (${available} of ${size} bytes).`);
      format = readFormat(view, body, size);
    } else if (id === 'data' && !data) {
      data = { offset: body, size: Math.min(size, available), truncated: size > available };
    }
    if (size > available) break;
    let next = body + size;
    if (size % 2 === 1) {
      // A pad byte follows an odd-sized chunk. Some writers omit it: take the unpadded position only
      // when it, and not the padded one, starts something that looks like a chunk id.
      const padded = next + 1;
      if (isChunkId(view, padded) || !isChunkId(view, next)) next = padded;
    }
    offset = next;
  }

  if (!format) fail('no fmt chunk, so the sample format is unknown.');
  if (!data) fail('no data chunk, so there are no samples.');

  const bytesPerSample = format.bitsPerSample / 8;
  const frameBytes = bytesPerSample * format.channelCount;
  const frameCount = Math.floor(data.size / frameBytes);
  const truncated = data.truncated || data.size % frameBytes !== 0;
  const read = sampleReader(format);
  const channels = Array.from({ length: format.channelCount }, () => new Float32Array(frameCount));
  for (let frame = 0; frame < frameCount; frame++) {
    const frameOffset = data.offset + frame * frameBytes;
    for (let c = 0; c < format.channelCount; c++) {
      channels[c]![frame] = read(view, frameOffset + c * bytesPerSample);
    }
  }
  return {
    sampleRate: format.sampleRate,
    channels,
    encoding: format.encoding,
    bitsPerSample: format.bitsPerSample,
    truncated,
  };
}
