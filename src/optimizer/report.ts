// What a method did to a model, by operator: converted, kept in fp32 on purpose, or skipped with why.
// Its own module so every method fills it the same way and optimize.ts (which names the methods) and
// the methods do not import each other.

import type { OptimizeMethod } from './methods';

/** What a method did, by operator type: counts of nodes converted, and nodes kept or skipped with why. */
export interface OptimizeReport {
  readonly method: OptimizeMethod;
  /** Operator type → nodes converted (quantized, run in fp16). */
  readonly converted: Readonly<Record<string, number>>;
  /** Nodes left in fp32 on purpose (a block list, a too-small weight), grouped by operator and reason. */
  readonly keptFloat: readonly { readonly opType: string; readonly count: number; readonly reason: string }[];
  /** Nodes the method could not handle and left as they were, grouped by operator and reason. */
  readonly skipped: readonly { readonly opType: string; readonly count: number; readonly reason: string }[];
  /** Notes such as "opset raised from 9 to 13". */
  readonly notes: readonly string[];
}

/** Collects a method's decisions node by node; `build()` groups them by operator and reason. */
export class ReportBuilder {
  private readonly converted = new Map<string, number>();
  private readonly kept = new Map<string, { opType: string; count: number; reason: string }>();
  private readonly skipped = new Map<string, { opType: string; count: number; reason: string }>();
  private readonly notes: string[] = [];

  constructor(private readonly method: OptimizeMethod) {}

  convert(opType: string): void {
    this.converted.set(opType, (this.converted.get(opType) ?? 0) + 1);
  }

  keepFloat(opType: string, reason: string): void {
    ReportBuilder.count(this.kept, opType, reason);
  }

  skip(opType: string, reason: string): void {
    ReportBuilder.count(this.skipped, opType, reason);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Nodes converted so far, all operators together. */
  get convertedCount(): number {
    return [...this.converted.values()].reduce((sum, count) => sum + count, 0);
  }

  build(): OptimizeReport {
    return {
      method: this.method,
      converted: Object.fromEntries(this.converted),
      keptFloat: [...this.kept.values()],
      skipped: [...this.skipped.values()],
      notes: [...this.notes],
    };
  }

  private static count(
    groups: Map<string, { opType: string; count: number; reason: string }>,
    opType: string,
    reason: string,
  ): void {
    const key = `${opType}\u0000${reason}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { opType, count: 1, reason });
  }
}

/** The report in lines a person reads (and VariantLineage.summary stores). */
export function reportLines(report: OptimizeReport): string[] {
  const converted = Object.entries(report.converted)
    .map(([opType, count]) => `${count} ${opType}`)
    .join(', ');
  return [
    `${report.method}: converted ${converted || 'nothing'}`,
    ...report.keptFloat.map((kept) => `kept in fp32: ${kept.count} ${kept.opType} (${kept.reason})`),
    ...report.skipped.map((skipped) => `skipped: ${skipped.count} ${skipped.opType} (${skipped.reason})`),
    ...report.notes,
  ];
}

/** A byte count for the report's notes: "5.38 MB", or "1.2 kB" for small weights. */
export function sizeText(bytes: number): string {
  return bytes >= 1e5 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}
