// Records from the microphone with MediaRecorder and hands back the recording as a Blob, with the
// elapsed time while recording and a clear message when the browser or the user says no.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../core/errors';

export interface MicrophoneState {
  readonly supported: boolean;
  readonly recording: boolean;
  readonly elapsedS: number;
  readonly error?: string;
}

function explainMicrophoneError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError')
    return 'Microphone access was refused. Allow it in the browser’s site settings.';
  if (name === 'NotFoundError') return 'No microphone was found on this device.';
  if (name === 'NotReadableError') return 'The microphone is busy or could not be opened.';
  return `Recording failed: ${errorMessage(error)}`;
}

export function useMicrophone(onRecording: (recording: Blob) => void) {
  const supported =
    typeof navigator !== 'undefined' &&
    !!navigator.mediaDevices?.getUserMedia &&
    typeof MediaRecorder !== 'undefined';
  const [state, setState] = useState<MicrophoneState>({ supported, recording: false, elapsedS: 0 });
  const recorder = useRef<MediaRecorder | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);

  const stop = useCallback(() => {
    recorder.current?.stop();
  }, []);

  const start = useCallback(async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
      const chunks: Blob[] = [];
      const media = new MediaRecorder(stream);
      const startedAt = performance.now();
      media.ondataavailable = (event) => chunks.push(event.data);
      media.onstop = () => {
        window.clearInterval(timer.current);
        stream.getTracks().forEach((track) => track.stop());
        setState((previous) => ({ ...previous, recording: false }));
        onRecording(new Blob(chunks, { type: media.mimeType }));
      };
      recorder.current = media;
      media.start(250);
      setState({ supported, recording: true, elapsedS: 0 });
      timer.current = window.setInterval(
        () => setState((previous) => ({ ...previous, elapsedS: (performance.now() - startedAt) / 1000 })),
        100,
      );
    } catch (error) {
      setState({ supported, recording: false, elapsedS: 0, error: explainMicrophoneError(error) });
    }
  }, [onRecording, supported]);

  useEffect(() => () => window.clearInterval(timer.current), []);

  return { state, start, stop };
}
