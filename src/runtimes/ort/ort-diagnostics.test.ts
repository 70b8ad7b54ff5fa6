// Checks the parsing of ORT's console output against a real captured CPU log (Silero VAD legacy in
// onnxruntime-web 1.30, logSeverityLevel 0 and enableProfiling) and a hand-made JSEP log with two
// providers, plus small inline cases for the format variations a console capture produces.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNodePlacement, parseProfile, providerLabel, stripAnsi } from './ort-diagnostics';

function fixtureLines(name: string): string[] {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').split('\n');
}

const cpuLog = fixtureLines('ort-cpu-verbose.log');
const jsepLog = fixtureLines('ort-jsep-multi-provider.log');

const VERIFY = '[V:onnxruntime:, session_state.cc:1380 VerifyEachNodeIsAssignedToAnEp]';

describe('providerLabel', () => {
  it('names the providers the lab can request', () => {
    expect(providerLabel('CPUExecutionProvider')).toBe('CPU (wasm)');
    expect(providerLabel('JsExecutionProvider')).toBe('WebGPU (JSEP)');
    expect(providerLabel('WebGpuExecutionProvider')).toBe('WebGPU');
    expect(providerLabel('WebNNExecutionProvider')).toBe('WebNN');
  });

  it('returns unknown provider names unchanged', () => {
    expect(providerLabel('XnnpackExecutionProvider')).toBe('XnnpackExecutionProvider');
  });
});

describe('parseNodePlacement on the real CPU log', () => {
  it('reads the single-provider form: one provider, 220 nodes, op counts unknown', () => {
    expect(parseNodePlacement(cpuLog, 'wasm')).toEqual({
      providers: [{ provider: 'CPUExecutionProvider', nodeCount: 220, opCounts: {} }],
      cpuFallbackNodes: 0,
    });
  });

  it('counts no fallback for a CPU request under any of its names', () => {
    expect(parseNodePlacement(cpuLog, 'CPUExecutionProvider').cpuFallbackNodes).toBe(0);
    expect(parseNodePlacement(cpuLog, 'cpu').cpuFallbackNodes).toBe(0);
  });

  it('counts every node as a fallback when WebGPU was requested but ORT put everything on the CPU', () => {
    expect(parseNodePlacement(cpuLog, 'webgpu').cpuFallbackNodes).toBe(220);
  });
});

describe('parseNodePlacement on the hand-made JSEP log', () => {
  const placement = parseNodePlacement(jsepLog, 'webgpu');

  it('reads each provider with its node count and op types', () => {
    expect(placement.providers).toEqual([
      {
        provider: 'JsExecutionProvider',
        nodeCount: 10,
        opCounts: {
          Conv: 3,
          Relu: 2,
          Sigmoid: 1,
          Resize: 1,
          Reshape: 1,
          MemcpyFromHost: 1,
          MemcpyToHost: 1,
        },
      },
      {
        provider: 'CPUExecutionProvider',
        nodeCount: 4,
        opCounts: { Shape: 1, Gather: 1, Unsqueeze: 1, NonZero: 1 },
      },
    ]);
  });

  it('counts the CPU nodes as fallbacks for a WebGPU request', () => {
    expect(placement.cpuFallbackNodes).toBe(4);
    expect(parseNodePlacement(jsepLog, 'JsExecutionProvider').cpuFallbackNodes).toBe(4);
  });

  it('counts no fallback when the CPU itself was requested', () => {
    expect(parseNodePlacement(jsepLog, 'wasm').cpuFallbackNodes).toBe(0);
  });

  it('op counts add up to the node counts ORT reports', () => {
    for (const entry of placement.providers) {
      const sum = Object.values(entry.opCounts).reduce((a, b) => a + b, 0);
      expect(sum).toBe(entry.nodeCount);
    }
  });
});

describe('parseNodePlacement on format variations', () => {
  it('strips ANSI colour codes', () => {
    const lines = [
      `\u001b[0;93m${VERIFY} Node placements\u001b[m`,
      `\u001b[0;93m${VERIFY}  Node(s) placed on [WebNNExecutionProvider]. Number of nodes: 2\u001b[m`,
      `\u001b[0;93m${VERIFY}   MatMul (/fc/MatMul)\u001b[m`,
      `\u001b[0;93m${VERIFY}   Add (/fc/Add)\u001b[m`,
      `\u001b[0;93m${VERIFY}  Node(s) placed on [CPUExecutionProvider]. Number of nodes: 1\u001b[m`,
      `\u001b[0;93m${VERIFY}   Gelu (/act/Gelu)\u001b[m`,
    ];
    expect(parseNodePlacement(lines, 'webnn')).toEqual({
      providers: [
        { provider: 'WebNNExecutionProvider', nodeCount: 2, opCounts: { MatMul: 1, Add: 1 } },
        { provider: 'CPUExecutionProvider', nodeCount: 1, opCounts: { Gelu: 1 } },
      ],
      cpuFallbackNodes: 1,
    });
    expect(stripAnsi('\u001b[1;31merror\u001b[m')).toBe('error');
  });

  it('reads lines without the timestamp or without any ORT prefix, and multi-line entries', () => {
    const lines = [
      'Node placements',
      ' Node(s) placed on [WebGpuExecutionProvider]. Number of nodes: 2',
      '  Conv (Conv_0)\n  Conv (Conv_1)',
      ` ${VERIFY}  Node(s) placed on [CPUExecutionProvider]. Number of nodes: 1`,
      `${VERIFY}   Scan ()`,
    ];
    expect(parseNodePlacement(lines, 'webgpu')).toEqual({
      providers: [
        { provider: 'WebGpuExecutionProvider', nodeCount: 2, opCounts: { Conv: 2 } },
        { provider: 'CPUExecutionProvider', nodeCount: 1, opCounts: { Scan: 1 } },
      ],
      cpuFallbackNodes: 1,
    });
  });

  it('skips unrelated console output inside a node list and stops at another ORT message', () => {
    const lines = [
      `${VERIFY}  Node(s) placed on [JsExecutionProvider]. Number of nodes: 3`,
      `${VERIFY}   Conv (Conv_0)`,
      'worker: progress 50%',
      `${VERIFY}   Relu (Relu_0)`,
      '2026-11-26 09:07:38.649003 [V:onnxruntime:, session_state.cc:186 CreateGraphInfo] SaveMLValueNameIndexMapping',
      '  Conv (Conv_9)',
    ];
    expect(parseNodePlacement(lines, 'webgpu').providers).toEqual([
      // The list was cut short: ORT's count stands, the op counts cover what was seen.
      { provider: 'JsExecutionProvider', nodeCount: 3, opCounts: { Conv: 1, Relu: 1 } },
    ]);
  });

  it('keeps the last session when the lines hold two', () => {
    const lines = [
      `${VERIFY} Node placements`,
      `${VERIFY}  All nodes placed on [CPUExecutionProvider]. Number of nodes: 220`,
      `${VERIFY} Node placements`,
      `${VERIFY}  All nodes placed on [JsExecutionProvider]. Number of nodes: 180`,
    ];
    expect(parseNodePlacement(lines, 'webgpu')).toEqual({
      providers: [{ provider: 'JsExecutionProvider', nodeCount: 180, opCounts: {} }],
      cpuFallbackNodes: 0,
    });
  });

  it('returns no providers when verbose logging was off', () => {
    expect(
      parseNodePlacement(['2026-11-26 [I:onnxruntime:, x.cc:1 F] Initializing session.'], 'webgpu'),
    ).toEqual({ providers: [], cpuFallbackNodes: 0 });
  });
});

function nodeEvent(opName: string, provider: string, dur: number, suffix = '_kernel_time'): string {
  return (
    `{"cat" : "Node","pid" :42,"tid" :1,"dur" :${dur},"ts" :0,"ph" : "X","name" :"n${suffix}",` +
    `"args" : {"op_name" : "${opName}","provider" : "${provider}"}},`
  );
}

describe('parseProfile', () => {
  it('sums kernel times per op type and provider, in ms, largest first', () => {
    const lines = [
      '[',
      '{"cat" : "Session","pid" :42,"tid" :1,"dur" :9000,"ts" :0,"ph" : "X","name" :"model_run","args" : {}},',
      nodeEvent('Conv', 'JsExecutionProvider', 1500),
      nodeEvent('Relu', 'JsExecutionProvider', 250),
      nodeEvent('Conv', 'JsExecutionProvider', 500),
      nodeEvent('Conv', 'CPUExecutionProvider', 1200),
      nodeEvent('Relu', 'JsExecutionProvider', 150),
      nodeEvent('Conv', 'JsExecutionProvider', 7000, '_fence_before'),
      nodeEvent('MatMul', 'JsExecutionProvider', 1999).slice(0, -1),
      ']',
    ];
    expect(parseProfile(lines)).toEqual([
      { opType: 'Conv', provider: 'JsExecutionProvider', totalMs: 2, calls: 2 },
      { opType: 'MatMul', provider: 'JsExecutionProvider', totalMs: 1.999, calls: 1 },
      { opType: 'Conv', provider: 'CPUExecutionProvider', totalMs: 1.2, calls: 1 },
      { opType: 'Relu', provider: 'JsExecutionProvider', totalMs: 0.4, calls: 2 },
    ]);
  });

  it('ignores non-JSON lines and broken JSON, and reads a whole array on one line', () => {
    const oneLine = `[${nodeEvent('Add', 'CPUExecutionProvider', 40).slice(0, -1)},${nodeEvent('Add', 'CPUExecutionProvider', 60).slice(0, -1)}]`;
    const lines = ['END PROFILING', '{"cat" : "Node", "dur" :', 'plain text', oneLine];
    expect(parseProfile(lines)).toEqual([
      { opType: 'Add', provider: 'CPUExecutionProvider', totalMs: 0.1, calls: 2 },
    ]);
  });

  it('returns an empty list when there is no profile', () => {
    expect(parseProfile(cpuLog.slice(0, 20))).toEqual([]);
  });

  it('aggregates the hand-made JSEP profile (two runs) as computed by hand', () => {
    const times = parseProfile(jsepLog);
    expect(times.map((t) => [t.opType, t.provider, t.calls])).toEqual([
      ['MemcpyToHost', 'JsExecutionProvider', 2],
      ['Conv', 'JsExecutionProvider', 6],
      ['NonZero', 'CPUExecutionProvider', 2],
      ['Resize', 'JsExecutionProvider', 2],
      ['MemcpyFromHost', 'JsExecutionProvider', 2],
      ['Relu', 'JsExecutionProvider', 4],
      ['Sigmoid', 'JsExecutionProvider', 2],
      ['Reshape', 'JsExecutionProvider', 2],
      ['Gather', 'CPUExecutionProvider', 2],
      ['Shape', 'CPUExecutionProvider', 2],
      ['Unsqueeze', 'CPUExecutionProvider', 2],
    ]);
    const ms = Object.fromEntries(times.map((t) => [t.opType, t.totalMs]));
    expect(ms['MemcpyToHost']).toBeCloseTo(1.75, 9); // 900 + 850 µs
    expect(ms['Conv']).toBeCloseTo(1.7, 9); // 310 + 290 + 450 + 430 + 120 + 100 µs
    expect(ms['NonZero']).toBeCloseTo(1.35, 9); // 700 + 650 µs
    expect(ms['Resize']).toBeCloseTo(1.18, 9); // 600 + 580 µs; the 9999 µs fence event is not counted
    expect(ms['Relu']).toBeCloseTo(0.13, 9); // 40 + 35 + 30 + 25 µs
  });

  it('reads the real CPU profile: non-empty, sorted, with the op types seen in the log', () => {
    const times = parseProfile(cpuLog);
    expect(times).toHaveLength(24);
    expect(times.every((t) => t.provider === 'CPUExecutionProvider')).toBe(true);
    for (let i = 1; i < times.length; i++) {
      expect(times[i - 1]!.totalMs).toBeGreaterThanOrEqual(times[i]!.totalMs);
    }
    const opTypes = times.map((t) => t.opType);
    expect(opTypes).toEqual(expect.arrayContaining(['If', 'LSTM', 'Conv', 'FusedConv', 'Equal', 'Shape']));
    // 89 kernel events in the fixture's single profiled run.
    expect(times.reduce((sum, t) => sum + t.calls, 0)).toBe(89);
    const cast = times.find((t) => t.opType === 'Cast');
    expect(cast).toEqual({ opType: 'Cast', provider: 'CPUExecutionProvider', totalMs: 61.303, calls: 1 });
    const conv = times.find((t) => t.opType === 'Conv');
    expect(conv?.calls).toBe(9);
    expect(conv?.totalMs).toBeCloseTo(1.692, 9);
  });
});
