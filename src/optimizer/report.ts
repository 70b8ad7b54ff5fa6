// Filling in what a method did to a model, by operator (converted, kept in fp32 on purpose, skipped with
// why), the same way in every method, and reading it out in lines a person reads.

import type { OptimizeMethod, OptimizeReport } from './types';

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

const grouped = (entries: OptimizeReport['keptFloat']) =>
  entries.map((entry) => `${entry.opType} ×${entry.count} (${entry.reason})`).join('; ');

/** The report in lines a person reads (messages, model cards, VariantLineage.summary): converted, kept in
 * fp32, skipped, notes. */
export function reportSummary(report: OptimizeReport): string[] {
  const converted = Object.entries(report.converted)
    .filter(([, count]) => count > 0)
    .map(([opType, count]) => `${opType} ×${count}`)
    .join(', ');
  return [
    `Converted: ${converted || 'none'}`,
    ...(report.keptFloat.length > 0 ? [`Kept in fp32: ${grouped(report.keptFloat)}`] : []),
    ...(report.skipped.length > 0 ? [`Skipped: ${grouped(report.skipped)}`] : []),
    ...report.notes,
  ];
}

/** A byte count for the report's notes: "5.38 MB", or "1.2 kB" for small weights. */
export function sizeText(bytes: number): string {
  return bytes >= 1e5 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}
