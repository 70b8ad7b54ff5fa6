import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs';
import { escapeXml, junitXml } from './report-junit';
import type { BenchmarkRun, NativeCell, OutputAgreement } from './run-record';
import { makeCell, makeRun } from './test-fixtures';

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** C0 controls other than tab, LF and CR, U+FFFE, U+FFFF and unpaired surrogates (whole pairs iterate as one). */
function hasForbiddenChar(text: string): boolean {
  return [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (
      (code < 0x20 && ![0x9, 0xa, 0xd].includes(code)) ||
      code === 0xfffe ||
      code === 0xffff ||
      (code >= 0xd800 && code <= 0xdfff)
    );
  });
}

/** Decodes entity and character references; throws on a bare & or <, or an unknown entity. */
function decode(raw: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${JSON.stringify(raw)}`);
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`bare & in ${JSON.stringify(raw)}`);
    const named = ENTITIES[body];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-f]+$/i.test(body)
      ? parseInt(body.slice(2), 16)
      : /^#\d+$/.test(body)
        ? Number(body.slice(1))
        : NaN;
    if (![0x9, 0xa, 0xd].includes(code) && !(code >= 0x20)) throw new Error(`bad reference &${body};`);
    return String.fromCodePoint(code);
  });
}

/**
 * A minimal XML 1.0 parser for what junitXml writes (a declaration, elements, attributes, text): throws
 * unless the document is well-formed, so the tests read the report the way a CI system would.
 */
function parseXml(xml: string): XmlElement {
  if (hasForbiddenChar(xml)) throw new Error('a character XML 1.0 forbids');
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!declaration) throw new Error('no XML declaration');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let position = declaration[0].length;
  while (position < xml.length) {
    token.lastIndex = position;
    const match = token.exec(xml);
    if (!match) throw new Error(`cannot parse at ${position}: ${xml.slice(position, position + 20)}`);
    position = token.lastIndex;
    const [, closing, name = '', attributeText = '', selfClosing, text] = match;
    const parent = stack.at(-1);
    if (text !== undefined) {
      if (parent) parent.text += decode(text);
      else if (text.trim() !== '') throw new Error(`text outside the root: ${text}`);
      continue;
    }
    if (closing) {
      if (stack.pop()?.name !== name) throw new Error(`unbalanced </${name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', value = ''] of attributeText.matchAll(/([\w.-]+)="([^"]*)"/g)) {
      if (key in attributes) throw new Error(`attribute ${key} twice`);
      attributes[key] = decode(value);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (parent) parent.children.push(element);
    else if (root) throw new Error('a second root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (!root || stack.length > 0) throw new Error('unclosed elements');
  return root;
}

function testCases(xml: string): XmlElement[] {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const [suite, ...others] = root.children;
  expect(others).toEqual([]);
  expect(suite?.name).toBe('testsuite');
  expect(suite?.attributes.name).toBe('on-device-lab benchmark');
  return suite?.children ?? [];
}

function suiteCounts(xml: string): Record<string, string | undefined> {
  const suite = parseXml(xml).children[0]!;
  const { tests, failures, skipped, errors, time } = suite.attributes;
  expect(parseXml(xml).attributes).toMatchObject({ tests, failures, skipped, errors, time });
  return { tests, failures, skipped, errors, time };
}

const failureOf = (testCase: XmlElement | undefined) => testCase?.children.find((c) => c.name === 'failure');

const disagreeing: OutputAgreement = {
  ...makeCell().agreement!,
  tensors: [{ output: 'x', maxAbsDiff: 0.25, meanAbsDiff: 0.01, cosineSimilarity: 0.9, nonFiniteCount: 0 }],
  taskLevel: "different text: 'Hello' vs 'He11o'",
  taskLevelAgrees: false,
  withinTolerance: false,
};

describe('junitXml', () => {
  it('has one test case per cell and per native cell, with counts and times from the samples', () => {
    const xml = junitXml(makeRun());
    // wasm 20+22+21+25+24 = 112 ms, webgpu 44 ms, webnn none, native 49 ms.
    expect(suiteCounts(xml)).toEqual({ tests: '4', failures: '0', skipped: '1', errors: '0', time: '0.205' });
    const cases = testCases(xml);
    expect(cases.map((c) => c.attributes)).toEqual([
      { classname: 'ppocr-v4-rec', name: 'wasm-1t', time: '0.112' },
      { classname: 'ppocr-v4-rec', name: 'webgpu', time: '0.044' },
      { classname: 'ppocr-v4-rec', name: 'webnn', time: '0.000' },
      { classname: 'native.ppocr-v4-rec', name: 'onnxruntime-node 1.30.0, 1 thread', time: '0.049' },
    ]);
    expect(cases[0]?.children).toEqual([]);
    expect(cases[2]?.children).toEqual([
      {
        name: 'skipped',
        attributes: { message: 'WebNN is not available in this browser' },
        children: [],
        text: '',
      },
    ]);
  });

  it('fails a failed cell, a cell whose outputs disagree and a native cell that disagrees', () => {
    const native: NativeCell = { ...makeRun().native!.cells[0]!, agreement: disagreeing };
    const run = makeRun({
      cells: [
        makeCell({ status: 'failed', reason: 'session create failed', samplesMs: [] }),
        makeCell({ backendConfig: { id: 'webgpu', backend: 'webgpu', threads: 1 }, agreement: disagreeing }),
        makeCell({
          backendConfig: { id: 'webnn', backend: 'webnn', threads: 1 },
          status: 'skipped',
          samplesMs: [],
        }),
      ],
      native: { runtime: 'onnxruntime-node 1.30.0', cells: [native] },
    });
    const xml = junitXml(run);
    expect(suiteCounts(xml)).toMatchObject({ tests: '4', failures: '3', skipped: '1' });
    const [failed, gpu, skipped, nativeCase] = testCases(xml);
    expect(failureOf(failed)?.attributes.message).toBe('failed: session create failed');
    const expectedDisagreement =
      "outputs disagree with wasm-1t: max |Δ| 0.25 (tolerance 0.001), task level: different text: 'Hello' vs 'He11o'";
    expect(failureOf(gpu)?.attributes.message).toBe(expectedDisagreement);
    expect(failureOf(gpu)?.text).toBe(expectedDisagreement);
    expect(skipped?.children[0]).toMatchObject({ name: 'skipped', attributes: { message: 'skipped' } });
    expect(nativeCase?.attributes.classname).toBe('native.ppocr-v4-rec');
    expect(failureOf(nativeCase)?.attributes.message).toBe(expectedDisagreement);
  });

  it('fails a cell that regressed past the threshold against the baseline', () => {
    const baseline = makeRun();
    const slower: BenchmarkRun = {
      ...baseline,
      cells: baseline.cells.map((cell, index) =>
        index === 0 ? { ...cell, samplesMs: cell.samplesMs.map((ms) => ms * 1.5) } : cell,
      ),
    };
    const comparison = compareRuns(baseline, slower);
    const xml = junitXml(slower, { comparison });
    expect(suiteCounts(xml)).toMatchObject({ tests: '4', failures: '1', skipped: '1' });
    const message = failureOf(testCases(xml)[0])?.attributes.message;
    expect(message).toMatch(
      /^50\.0% slower than the baseline \(median 22\.00 → 33\.00 ms, 95% CI 1\.\d\d–1\.\d\d× \(within one run each\)\), past the 10% threshold$/,
    );
    // 50 % slower passes a 60 % threshold, and the default threshold is 10 %.
    expect(suiteCounts(junitXml(slower, { comparison, thresholdPct: 60 }))).toMatchObject({ failures: '0' });
    expect(suiteCounts(junitXml(slower, { comparison, thresholdPct: 49 }))).toMatchObject({ failures: '1' });
  });

  it('lists every reason when a failed cell also disagrees', () => {
    const cell = makeCell({
      status: 'failed',
      reason: 'outputs could not be compared',
      agreement: disagreeing,
    });
    const failure = failureOf(testCases(junitXml(makeRun({ cells: [cell], native: undefined })))[0]);
    expect(failure?.attributes.message).toBe(
      `failed: outputs could not be compared; outputs disagree with wasm-1t: max |Δ| 0.25 (tolerance 0.001), task level: ${disagreeing.taskLevel}`,
    );
    expect(failure?.text.split('\n')).toHaveLength(2);
  });

  it('writes an empty, well-formed suite for a run without cells', () => {
    const xml = junitXml(makeRun({ cells: [], native: undefined }));
    expect(suiteCounts(xml)).toEqual({ tests: '0', failures: '0', skipped: '0', errors: '0', time: '0.000' });
    expect(testCases(xml)).toEqual([]);
  });

  it('escapes markup, quotes, line breaks and forbidden control characters in names and messages', () => {
    const nasty = `a<b> & "c" 'd'\n\tline\u0001\u001b[31m end\uD800`;
    const run = makeRun({
      cells: [
        makeCell({ modelId: 'model"<&>', status: 'failed', reason: nasty, samplesMs: [] }),
        makeCell({
          backendConfig: { id: "it's", backend: 'webnn', threads: 1 },
          status: 'skipped',
          reason: nasty,
        }),
      ],
      native: undefined,
    });
    const xml = junitXml(run);
    const [failed, skipped] = testCases(xml);
    const readable = `a<b> & "c" 'd'\n\tline\\u0001\\u001b[31m end\\ud800`;
    expect(failed?.attributes.classname).toBe('model"<&>');
    expect(failureOf(failed)?.attributes.message).toBe(`failed: ${readable}`);
    expect(failureOf(failed)?.text).toBe(`failed: ${readable}`);
    expect(skipped?.attributes.name).toBe("it's");
    expect(skipped?.children[0]?.attributes.message).toBe(readable);
  });
});

describe('escapeXml', () => {
  it('turns markup characters into entities and keeps line breaks as character references', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
    expect(escapeXml('a\tb\r\nc')).toBe('a&#9;b&#13;&#10;c');
  });

  it('writes characters XML cannot hold as visible \\u escapes, and keeps valid surrogate pairs', () => {
    expect(escapeXml('\u0000\u0008\u000B\u001F\uFFFE')).toBe('\\u0000\\u0008\\u000b\\u001f\\ufffe');
    expect(escapeXml('ok 😀 \uDC00x')).toBe('ok 😀 \\udc00x');
    expect(escapeXml('Δ × ✓')).toBe('Δ × ✓');
  });

  it('escapes & before anything else, so existing entities are not left as markup', () => {
    expect(escapeXml('&amp; &#10;')).toBe('&amp;amp; &amp;#10;');
  });
});

describe('the test XML parser', () => {
  it('rejects what is not well-formed, so the junitXml tests can fail', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(() => parseXml(`${head}<a><b></a></b>`)).toThrow('unbalanced');
    expect(() => parseXml(`${head}<a x="1 & 2"/>`)).toThrow('bare &');
    expect(() => parseXml(`${head}<a>\u0001</a>`)).toThrow('forbids');
    expect(() => parseXml(`${head}<a/><b/>`)).toThrow('second root');
    expect(() => parseXml(`${head}<a>`)).toThrow('unclosed');
    expect(() => parseXml(`${head}<a x='1'/>`)).toThrow('cannot parse');
    expect(parseXml(`${head}<a x="&lt;&#10;&#x41;">t&amp;</a>`)).toEqual({
      name: 'a',
      attributes: { x: '<\nA' },
      children: [],
      text: 't&',
    });
  });
});
