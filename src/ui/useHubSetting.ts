// The "Hugging Face Hub" switch: off unless the user turned it on in this browser (kept in
// localStorage), and passed to the engine whenever either changes, so the worker's fetch allows the
// Hub's hosts only while it is on.
import { useEffect, useState } from 'react';
import type { Engine } from '../worker/engine-api';

const STORAGE_KEY = 'on-device-lab.hub-enabled';

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'true';
  } catch {
    return false;
  }
}

export function useHubSetting(engine: Engine | undefined): readonly [boolean, (enabled: boolean) => void] {
  const [enabled, setEnabled] = useState(stored);
  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(enabled));
    } catch {
      // Storage refused (private mode): the switch still holds for this page.
    }
    void engine?.setHubEnabled(enabled);
  }, [engine, enabled]);
  return [enabled, setEnabled] as const;
}
