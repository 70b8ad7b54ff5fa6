// URL parameters drive the page (?task=&backend=&threads=&model=), so a shared link or a Playwright
// test reproduces exactly what a person set up. Parsing is pure; unknown values fall back to defaults.

import { isBackendId, type BackendId } from '../core/backends';
import { rootModelId } from '../catalog/variant-id';
import { VAD_MODELS } from '../tasks/vad/models';

export const TASK_IDS = [
  'ocr',
  'vad',
  'classify',
  'search',
  'image',
  'generate',
  'optimize',
  'bench',
  'models',
] as const;
export type TaskId = (typeof TASK_IDS)[number];

export interface UrlSettings {
  readonly task: TaskId;
  readonly backend: BackendId;
  /** Absent when the URL does not ask for a thread count. */
  readonly threads?: number;
  /** Id of one of the voice-activity task's models, or of a variant of one (`silero-vad-v5~fp16`). */
  readonly vadModel: string;
}

export const DEFAULT_URL_SETTINGS: UrlSettings = { task: 'ocr', backend: 'wasm', vadModel: 'silero-vad-v5' };

export function parseUrlSettings(search: string): UrlSettings {
  const params = new URLSearchParams(search);
  const task = params.get('task') ?? '';
  const backend = params.get('backend') ?? '';
  const model = params.get('model') ?? '';
  const threads = Number.parseInt(params.get('threads') ?? '', 10);
  return {
    task: (TASK_IDS as readonly string[]).includes(task) ? (task as TaskId) : DEFAULT_URL_SETTINGS.task,
    backend: isBackendId(backend) ? backend : DEFAULT_URL_SETTINGS.backend,
    ...(Number.isInteger(threads) && threads >= 1 && threads <= 64 ? { threads } : {}),
    vadModel: VAD_MODELS.some((record) => record.id === rootModelId(model))
      ? model
      : DEFAULT_URL_SETTINGS.vadModel,
  };
}

export function formatUrlSettings(settings: UrlSettings): string {
  const params = new URLSearchParams({ task: settings.task, backend: settings.backend });
  if (settings.threads !== undefined) params.set('threads', String(settings.threads));
  if (settings.task === 'vad') params.set('model', settings.vadModel);
  return `?${params.toString()}`;
}
