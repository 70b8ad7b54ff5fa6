// Named errors that carry a message a person can act on. They cross the worker boundary by
// name (Comlink keeps `name` and `message`), so the UI can tell them apart with `errorKind`.

export type ErrorKind =
  | 'ModelIntegrityError'
  | 'BackendUnavailableError'
  | 'UnsupportedOpError'
  | 'InvalidInputError'
  | 'ModelLoadError'
  | 'NetworkBlockedError';

// Names are set from a string, not the class name, so they survive minification.
function namedError(kind: ErrorKind) {
  return class extends Error {
    readonly kind = kind;
    constructor(message: string) {
      super(message);
      this.name = kind;
    }
  };
}

/** A model file's bytes do not match the sha256 in the registry (corrupt, truncated or replaced). */
export class ModelIntegrityError extends namedError('ModelIntegrityError') {}

/** The chosen backend cannot run in this browser; the message says why. */
export class BackendUnavailableError extends namedError('BackendUnavailableError') {}

/** The backend lacks an operator the model uses. */
export class UnsupportedOpError extends namedError('UnsupportedOpError') {}

/** The user's input (image, audio) cannot be used; the message names the problem. */
export class InvalidInputError extends namedError('InvalidInputError') {}

/** The model could not be fetched or parsed. */
export class ModelLoadError extends namedError('ModelLoadError') {}

/** A request would have left the page's origin while the user has not allowed it (Hub models off). */
export class NetworkBlockedError extends namedError('NetworkBlockedError') {}

const KINDS: readonly ErrorKind[] = [
  'ModelIntegrityError',
  'BackendUnavailableError',
  'UnsupportedOpError',
  'InvalidInputError',
  'ModelLoadError',
  'NetworkBlockedError',
];

/** The error's kind when it is one of ours (also after crossing the worker boundary), else undefined. */
export function errorKind(error: unknown): ErrorKind | undefined {
  const name = error instanceof Error ? error.name : undefined;
  return KINDS.find((kind) => kind === name);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
