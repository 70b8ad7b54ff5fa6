// Where Hugging Face Hub models may come from, in one pure place: the Hub host the app is built for and
// the hosts that host redirects file downloads to (how a user's "owner/name@revision" is read is in
// hub-ref.ts). Imports nothing, so vite.config.ts can read it as plain Node ESM.
// The worker's fetch allow-list, the UI and the served Content-Security-Policy (vite.config.ts) all
// derive their hosts from hubOrigins(), so the code and the headers cannot allow different hosts.

export const DEFAULT_HUB_HOST = 'https://huggingface.co';

/**
 * Where huggingface.co's resolve/ URLs redirect large (LFS / Xet) files to. From the Hub's own list,
 * https://huggingface.co/.well-known/meta.json ("lfsDomains"): cdn-lfs.hf.co, cdn-lfs-us-1.hf.co,
 * cdn-lfs-eu-1.hf.co, transfer.xethub.hf.co, transfer.xethub-eu.hf.co; plus cdn-lfs.huggingface.co,
 * where older LFS redirects still point, and cas-bridge.xethub.hf.co, the Xet bridge that a plain
 * HTTP download of a Xet-stored file is redirected to. Small files (config.json, tokenizer.json) are
 * served by huggingface.co itself. Only applied when the host is huggingface.co; a mirror lists its
 * own file hosts (VITE_HUB_FILE_HOSTS).
 */
export const HUGGING_FACE_FILE_HOSTS: readonly string[] = [
  'https://cdn-lfs.hf.co',
  'https://cdn-lfs-us-1.hf.co',
  'https://cdn-lfs-eu-1.hf.co',
  'https://cdn-lfs.huggingface.co',
  'https://cas-bridge.xethub.hf.co',
  'https://transfer.xethub.hf.co',
  'https://transfer.xethub-eu.hf.co',
];

export interface HubHosts {
  /** The Hub's origin, e.g. https://huggingface.co (no trailing slash). */
  readonly host: string;
  /** Every origin a Hub download may reach: the host first, then its file hosts. */
  readonly origins: readonly string[];
}

function originOf(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${what} "${value}" is not a URL; give an origin such as https://huggingface.co`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`${what} "${value}" must be an http(s) origin`);
  return url.origin;
}

/**
 * The Hub hosts for a build: `host` (default huggingface.co) and `fileHosts` (comma-separated
 * origins; for huggingface.co its known file hosts are added). Empty strings mean "not set".
 */
export function hubHosts(host?: string, fileHosts?: string): HubHosts {
  const hubOrigin = originOf(host?.trim() ? host : DEFAULT_HUB_HOST, 'The Hub host');
  const extra = (fileHosts ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => originOf(entry, 'A Hub file host'));
  const known = hubOrigin === DEFAULT_HUB_HOST ? HUGGING_FACE_FILE_HOSTS : [];
  return { host: hubOrigin, origins: [...new Set([hubOrigin, ...known, ...extra])] };
}
