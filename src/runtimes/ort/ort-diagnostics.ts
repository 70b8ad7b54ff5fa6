// Reads ORT's own console output back into numbers: which execution provider got each node (from the
// verbose session log) and where the time went per operator type (from the profiler's JSON events).
// ORT has no API for either; its wasm build only prints them, so the worker captures the lines and
// hands them here. Everything in this file is pure string parsing, testable without ORT.
//
// Where the lines come from (onnxruntime-web 1.30, checked in dist/ort-wasm-simd-threaded*.mjs and
// onnxruntime/core/framework/session_state.cc):
// - the session log goes to stderr, which Emscripten prints with console.error; the profiler JSON goes
//   to stdout (console.log). In Node both are written straight to file descriptors 2 and 1 instead.
// - Emscripten binds `console.log`/`console.error` once, when ORT instantiates its wasm module (the
//   first session). A console hook must therefore already be in place then and stay in place; one
//   swapped in later for a single call is never seen by ORT.

import type { NodePlacement, OperatorTime } from '../diagnostics';

export const CPU_PROVIDER = 'CPUExecutionProvider';

const PROVIDER_LABELS: Readonly<Record<string, string>> = {
  CPUExecutionProvider: 'CPU (wasm)',
  JsExecutionProvider: 'WebGPU (JSEP)',
  WebGpuExecutionProvider: 'WebGPU',
  WebNNExecutionProvider: 'WebNN',
};

/** Words for an ORT execution provider name; unknown names come back unchanged. */
export function providerLabel(provider: string): string {
  return PROVIDER_LABELS[provider] ?? provider;
}

// ANSI SGR sequences: ORT colours warnings (ESC[0;93m) and errors (ESC[1;31m) and resets with ESC[m.
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Removes terminal colour codes from a log line. */
export function stripAnsi(line: string): string {
  return line.replace(ANSI_ESCAPE, '');
}

/**
 * One ORT log line: `2026-11-26 09:07:38.625781 [V:onnxruntime:<logid>, session_state.cc:1380
 * VerifyEachNodeIsAssignedToAnEp] <message>`. The timestamp is optional here because consoles and
 * copy-pastes often drop it.
 */
const ORT_LINE =
  /^\s*(?:\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?\s+)?\[([VIWEF]):onnxruntime:[^\]]*?\s(\S+)\]\s?(.*)$/;

interface LogLine {
  /** The function named in the ORT prefix (`VerifyEachNodeIsAssignedToAnEp`), or null without a prefix. */
  readonly fn: string | null;
  /** The message with surrounding whitespace removed. */
  readonly message: string;
}

function readLogLine(raw: string): LogLine {
  const line = stripAnsi(raw);
  const match = ORT_LINE.exec(line);
  if (match) return { fn: match[2] ?? '', message: (match[3] ?? '').trim() };
  return { fn: null, message: line.trim() };
}

/** Console captures may hold several lines in one entry; parse line by line. */
function splitLines(lines: readonly string[]): string[] {
  return lines.flatMap((entry) => entry.split(/\r?\n/));
}

const PLACEMENT_FN = 'VerifyEachNodeIsAssignedToAnEp';
const PLACEMENTS_HEADER = 'Node placements';
const PROVIDER_HEADER = /^(All nodes|Node\(s\)) placed on \[([^\]]+)\]\.\s*Number of nodes:\s*(\d+)/;
// session_state.cc prints each node as `OpType (NodeName)`; the name may be empty: `Scan ()`.
const NODE_LINE = /^([A-Za-z_][\w.]*)\s+\((.*)\)$/;

interface ProviderBlock {
  readonly provider: string;
  readonly nodeCount: number;
  readonly opCounts: Record<string, number>;
}

function isCpuRequest(requestedProvider: string): boolean {
  const name = requestedProvider.trim().toLowerCase();
  return name === 'wasm' || name === 'cpu' || name === CPU_PROVIDER.toLowerCase();
}

/**
 * Node placement from ORT's verbose session log (session option `logSeverityLevel: 0`).
 *
 * ORT prints `Node placements`, then either one line ` All nodes placed on [P]. Number of nodes: N`
 * when a single provider took everything, or per provider ` Node(s) placed on [P]. Number of nodes: N`
 * followed by one `  OpType (NodeName)` line per node. Node counts include nodes inside If/Loop/Scan
 * subgraphs. In the single-provider form ORT lists no nodes, so `opCounts` is `{}` there: unknown, not
 * zero. If a node list was cut short, `nodeCount` still comes from ORT's header and `opCounts` covers
 * the nodes that were seen.
 *
 * Lines may carry ANSI colour codes and may lack the timestamp or the whole `[V:onnxruntime:...]`
 * prefix. When the lines hold several sessions' logs, the last session's placement is returned. No
 * placement lines at all (verbose logging off) gives `{ providers: [], cpuFallbackNodes: 0 }`.
 *
 * `requestedProvider` is a backend id (`wasm`, `webgpu`, `webnn`) or an ORT provider name. When it is
 * not the CPU, every node on CPUExecutionProvider counts as a fallback, including the shape
 * computations ORT deliberately keeps on the CPU next to a GPU provider.
 */
export function parseNodePlacement(lines: readonly string[], requestedProvider: string): NodePlacement {
  let blocks: ProviderBlock[] = [];
  let listing: { block: ProviderBlock; remaining: number } | null = null;

  for (const raw of splitLines(lines)) {
    const { fn, message } = readLogLine(raw);
    const fromOtherFunction = fn !== null && fn !== PLACEMENT_FN;

    if (message === PLACEMENTS_HEADER && !fromOtherFunction) {
      blocks = [];
      listing = null;
      continue;
    }

    const header = fromOtherFunction ? null : PROVIDER_HEADER.exec(message);
    if (header) {
      const provider = header[2] ?? '';
      // A provider seen twice without a `Node placements` line between means a new session started.
      if (blocks.some((block) => block.provider === provider)) blocks = [];
      const block: ProviderBlock = { provider, nodeCount: Number(header[3]), opCounts: {} };
      blocks.push(block);
      listing = header[1] === 'Node(s)' && block.nodeCount > 0 ? { block, remaining: block.nodeCount } : null;
      continue;
    }

    if (!listing) continue;
    if (fromOtherFunction) {
      listing = null;
      continue;
    }
    const node = NODE_LINE.exec(message);
    if (node) {
      const opType = node[1] ?? '';
      listing.block.opCounts[opType] = (listing.block.opCounts[opType] ?? 0) + 1;
      listing.remaining -= 1;
      if (listing.remaining === 0) listing = null;
    } else if (fn !== null) {
      // Another placement message (e.g. the "Some nodes were not assigned" warning) ends the list;
      // unprefixed stray console output in between is skipped.
      listing = null;
    }
  }

  const cpuFallbackNodes = isCpuRequest(requestedProvider)
    ? 0
    : blocks.filter((block) => block.provider === CPU_PROVIDER).reduce((sum, b) => sum + b.nodeCount, 0);
  return {
    providers: blocks.map((block) => ({
      provider: block.provider,
      nodeCount: block.nodeCount,
      opCounts: block.opCounts,
    })),
    cpuFallbackNodes,
  };
}

const KERNEL_TIME_SUFFIX = '_kernel_time';

interface ProfileEvent {
  readonly cat?: unknown;
  readonly name?: unknown;
  readonly dur?: unknown;
  readonly args?: { readonly op_name?: unknown; readonly provider?: unknown };
}

function parseJsonEvents(text: string): ProfileEvent[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is ProfileEvent => typeof item === 'object' && item !== null);
}

/**
 * Time per operator type from ORT's profiler (session option `enableProfiling: true`, then
 * `session.endProfiling()`). ORT prints a JSON array of trace events, one per line with a trailing
 * comma, between a `[` and a `]` line; other console lines mixed in are ignored, and a whole array on
 * one line is read too.
 *
 * Only `cat: "Node"` events named `<node>_kernel_time` count: their `dur` (µs) is summed per
 * (`args.op_name`, `args.provider`) and returned in milliseconds, largest total first. Two caveats:
 * an If/Loop/Scan node's time includes the nodes of its subgraph, which are also listed on their own,
 * so the totals overlap and their sum exceeds the run time; and for a GPU provider a kernel's time is
 * what its dispatch cost on the CPU side, not the GPU's execution time.
 */
export function parseProfile(lines: readonly string[]): OperatorTime[] {
  const totals = new Map<string, { opType: string; provider: string; totalUs: number; calls: number }>();

  for (const raw of splitLines(lines)) {
    let text = stripAnsi(raw).trim();
    if (!text.startsWith('{') && !text.startsWith('[')) continue;
    if (text.endsWith(',')) text = text.slice(0, -1);
    for (const event of parseJsonEvents(text)) {
      if (event.cat !== 'Node') continue;
      if (typeof event.name !== 'string' || !event.name.endsWith(KERNEL_TIME_SUFFIX)) continue;
      if (typeof event.dur !== 'number' || !Number.isFinite(event.dur)) continue;
      const opType = typeof event.args?.op_name === 'string' ? event.args.op_name : 'unknown';
      const provider = typeof event.args?.provider === 'string' ? event.args.provider : 'unknown';
      const key = `${opType}\u0000${provider}`;
      const entry = totals.get(key) ?? { opType, provider, totalUs: 0, calls: 0 };
      entry.totalUs += event.dur;
      entry.calls += 1;
      totals.set(key, entry);
    }
  }

  return [...totals.values()]
    .map(({ opType, provider, totalUs, calls }) => ({ opType, provider, totalMs: totalUs / 1000, calls }))
    .sort(
      (a, b) =>
        b.totalMs - a.totalMs || a.opType.localeCompare(b.opType) || a.provider.localeCompare(b.provider),
    );
}
