// What check-build.ts refuses in a build's wasm binaries, as a pure function its test can feed.

export interface BuiltBinary {
  /** Path below dist/. */
  readonly path: string;
  readonly sha256: string;
}

/** Every problem with the binaries, as sentences: the same bytes twice, or a binary the app does not ship. */
export function buildProblems(binaries: readonly BuiltBinary[], shipped: readonly string[]): string[] {
  const problems: string[] = [];
  const bySha = new Map<string, string[]>();
  for (const binary of binaries) bySha.set(binary.sha256, [...(bySha.get(binary.sha256) ?? []), binary.path]);
  for (const paths of bySha.values()) {
    if (paths.length > 1) problems.push(`the same binary ${paths.length} times: ${paths.join(', ')}`);
  }
  for (const binary of binaries) {
    const name = binary.path.split('/').pop() ?? binary.path;
    if (!binary.path.startsWith('ort/') || !shipped.includes(name))
      problems.push(
        `${binary.path} is not one of the ONNX Runtime files the app loads (ort/${shipped.join(', ort/')})`,
      );
  }
  return problems;
}
