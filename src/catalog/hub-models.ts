// Hub models the user asked for by repository id in this session (the Hub switch on). Each becomes a
// ModelRecord built on the fly: the task is the view's, the files are unknown until Transformers.js
// asks for them, so the record lists none and carries `remote` instead; nothing pins their sha256,
// and the load reports the sha256 of each file read (FileRead with pinned: false). The records live
// in a catalog source that lasts as long as the worker (a reload forgets them; the files stay in the
// Hub cache), after the built-in and fetched sources, under ids (`hub:owner/name@rev`) that cannot
// collide with a model the app serves.

import { hubModelId, type HubRef } from '../core/hub-ref';
import type { ModelSource } from './catalog';
import type { ModelRecord } from './model-record';

export function hubRecord(ref: HubRef, host: string, task: string): ModelRecord {
  const page = `${host}/${ref.repo}`;
  return {
    id: hubModelId(ref),
    displayName: `${ref.repo}@${ref.revision} (Hub)`,
    task,
    runtime: 'transformers.js',
    files: [],
    remote: { host, repo: ref.repo, revision: ref.revision },
    inputSpec: 'As its model card says (read by Transformers.js from the repository).',
    outputSpec: `A ${task} pipeline's output.`,
    license: 'See the model card on the Hub',
    originProject: ref.repo,
    originUrl: page,
    modelCardUrl: page,
    intendedUse: `Trying ${ref.repo} from the Hub in the ${task} view.`,
    limitations: [
      'Read from the Hub when loaded: its files are not pinned by a manifest, so their sha256 is shown, not verified.',
    ],
  };
}

/** A catalog source of the Hub models added in this session. */
export interface HubModelSource extends ModelSource {
  /** Adds (or returns the existing) record of `ref` for `task`. */
  add(ref: HubRef, task: string): ModelRecord;
}

export function hubModelSource(host: string): HubModelSource {
  const records = new Map<string, ModelRecord>();
  return {
    name: 'the Hugging Face Hub (this session)',
    list: () => [...records.values()],
    fileUrl: (model, file) =>
      `${host}/${model.remote?.repo}/resolve/${encodeURIComponent(model.remote?.revision ?? 'main')}/${file.name}`,
    add(ref, task) {
      const record = hubRecord(ref, host, task);
      const existing = records.get(record.id);
      if (existing && existing.task === task) return existing;
      records.set(record.id, record);
      return record;
    },
  };
}
