// How a user's "owner/name@revision" names a Hugging Face Hub model, and the catalog id a Hub model
// loaded in this session gets.

import { InvalidInputError } from './errors';

/** A Hub repository at a revision (branch, tag or commit). */
export interface HubRef {
  readonly repo: string;
  readonly revision: string;
}

// The Hub's repo id rule (as Transformers.js checks it): an optional owner, a name of word characters,
// dots and dashes, no "--" or "..", not ending in .git.
const REPO_ID = /^(?:[\w.-]+\/)?[\w.-]{1,96}$/;
const REVISION = /^[\w.\-/]{1,128}$/;

/** Reads "owner/name" or "owner/name@revision" (revision defaults to main); refuses anything else. */
export function parseHubRef(input: string): HubRef {
  const text = input.trim();
  const at = text.lastIndexOf('@');
  const repo = at >= 0 ? text.slice(0, at) : text;
  const revision = at >= 0 ? text.slice(at + 1) : 'main';
  const example = 'e.g. Xenova/distilbert-base-uncased-finetuned-sst-2-english or …@main';
  if (!REPO_ID.test(repo) || repo.includes('--') || repo.includes('..') || repo.endsWith('.git'))
    throw new InvalidInputError(`"${text}" is not a Hub repository id (owner/name, ${example}).`);
  if (!REVISION.test(revision) || revision.includes('..'))
    throw new InvalidInputError(`"${revision}" is not a revision (a branch, tag or commit), ${example}.`);
  return { repo, revision };
}

/** The catalog id of a Hub model loaded in this session; distinct from any model served by the app. */
export function hubModelId(ref: HubRef): string {
  return `hub:${ref.repo}@${ref.revision}`;
}
