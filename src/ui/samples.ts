// The built-in samples the views offer (public/samples/), fetched from the app's own origin.

export const SAMPLE_IMAGE = { path: 'samples/ocr-sample.png', name: 'ocr-sample.png' } as const;
export const SAMPLE_AUDIO = { path: 'samples/speech-sample.wav', name: 'speech-sample.wav' } as const;

export async function fetchSample(sample: { readonly path: string; readonly name: string }): Promise<Blob> {
  const response = await fetch(new URL(sample.path, document.baseURI));
  if (!response.ok) throw new Error(`The sample ${sample.name} is missing (HTTP ${response.status}).`);
  return response.blob();
}
