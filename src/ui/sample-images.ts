// The image view's built-in samples, drawn at run time on an OffscreenCanvas and encoded as PNG, so
// the offline default works without a file and takes the same path as one (decode, classify). Solid
// colours have answers known from the tiny classifier's construction; the gradient is the one a
// person sees first.

export interface SampleImage {
  readonly id: string;
  readonly name: string;
  /** CSS colours, left to right: one for a solid image, more for a horizontal gradient. */
  readonly colours: readonly string[];
}

export const SAMPLE_IMAGES: readonly SampleImage[] = [
  { id: 'sunset', name: 'Sunset gradient', colours: ['#ffb000', '#ff3d00', '#6a1b9a'] },
  { id: 'red', name: 'Red', colours: ['#ff0000'] },
  { id: 'green', name: 'Green', colours: ['#00ff00'] },
  { id: 'blue', name: 'Blue', colours: ['#0000ff'] },
  { id: 'white', name: 'White', colours: ['#ffffff'] },
  { id: 'black', name: 'Black', colours: ['#000000'] },
];

const SIDE = 96;

/** The sample as a PNG file, named after it. */
export async function drawSampleImage(sample: SampleImage): Promise<File> {
  const canvas = new OffscreenCanvas(SIDE, SIDE);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('OffscreenCanvas 2D context is unavailable in this browser');
  const [first] = sample.colours;
  if (sample.colours.length === 1 && first) {
    context.fillStyle = first;
  } else {
    const gradient = context.createLinearGradient(0, 0, SIDE, 0);
    sample.colours.forEach((colour, index) =>
      gradient.addColorStop(index / (sample.colours.length - 1), colour),
    );
    context.fillStyle = gradient;
  }
  context.fillRect(0, 0, SIDE, SIDE);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], `${sample.id}.png`, { type: 'image/png' });
}
