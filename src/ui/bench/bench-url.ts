// Benchmark settings in the URL (?task=bench&models=&backends=&warmup=&runs=&budget=&profile=&memory=
// &detsize=&eval=&autostart=1), so a shared link reproduces a run and automation can start one. Pure parsing.

import { BENCH_SUBJECTS } from '../../tasks';

export interface BenchUrlSettings {
  readonly modelIds: readonly string[];
  /** Absent: the page's defaults (wasm on one and on all threads, WebGPU, WebNN). */
  readonly backendConfigIds?: readonly string[];
  readonly warmupRuns: number;
  readonly runs: number;
  readonly timeBudgetMs?: number;
  readonly profileOperators: boolean;
  readonly measureMemory: boolean;
  /** Longer side of the OCR detection input: 640 px, a realistic document-photo size, unless asked. */
  readonly detectionSizePx: number;
  /** Score each cell on its task's evaluation set (accuracy next to speed); on unless eval=0. */
  readonly evaluate: boolean;
  readonly autostart: boolean;
}

export const DEFAULT_BENCH_SETTINGS: BenchUrlSettings = {
  modelIds: BENCH_SUBJECTS.map((subject) => subject.id),
  warmupRuns: 3,
  runs: 20,
  profileOperators: true,
  measureMemory: false,
  detectionSizePx: 640,
  evaluate: true,
  autostart: false,
};

function list(value: string | null): string[] | undefined {
  const items = value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

function count(value: string | null, min: number, max: number): number | undefined {
  const parsed = Number(value);
  return value !== null && Number.isInteger(parsed) && parsed >= min && parsed <= max ? parsed : undefined;
}

const flag = (value: string | null, fallback: boolean) =>
  value === null ? fallback : value === '1' || value === 'true';

/** The settings a query asks for; model ids other than `knownIds` (the benchmark's subjects) are dropped. */
export function parseBenchUrl(
  search: string,
  knownIds: readonly string[] = DEFAULT_BENCH_SETTINGS.modelIds,
): BenchUrlSettings {
  const params = new URLSearchParams(search);
  const known = new Set(knownIds);
  const models = list(params.get('models'));
  const modelIds = models?.includes('all') ? [...knownIds] : models?.filter((id) => known.has(id));
  const backends = list(params.get('backends'));
  const budget = count(params.get('budget'), 1, 3_600_000);
  return {
    modelIds: modelIds && modelIds.length > 0 ? modelIds : DEFAULT_BENCH_SETTINGS.modelIds,
    ...(backends ? { backendConfigIds: backends } : {}),
    warmupRuns: count(params.get('warmup'), 0, 1000) ?? DEFAULT_BENCH_SETTINGS.warmupRuns,
    runs: count(params.get('runs'), 1, 100_000) ?? DEFAULT_BENCH_SETTINGS.runs,
    ...(budget !== undefined ? { timeBudgetMs: budget } : {}),
    profileOperators: flag(params.get('profile'), DEFAULT_BENCH_SETTINGS.profileOperators),
    measureMemory: flag(params.get('memory'), DEFAULT_BENCH_SETTINGS.measureMemory),
    detectionSizePx: count(params.get('detsize'), 32, 4096) ?? DEFAULT_BENCH_SETTINGS.detectionSizePx,
    evaluate: flag(params.get('eval'), DEFAULT_BENCH_SETTINGS.evaluate),
    autostart: flag(params.get('autostart'), false),
  };
}

/** The query for a settings link (autostart left out: a shared link should not start by itself unless asked). */
export function formatBenchUrl(
  settings: Omit<BenchUrlSettings, 'autostart'>,
  backendConfigIds: readonly string[],
): string {
  const params = new URLSearchParams({
    task: 'bench',
    models: settings.modelIds.join(','),
    backends: backendConfigIds.join(','),
    warmup: String(settings.warmupRuns),
    runs: String(settings.runs),
    profile: settings.profileOperators ? '1' : '0',
    memory: settings.measureMemory ? '1' : '0',
    detsize: String(settings.detectionSizePx),
    eval: settings.evaluate ? '1' : '0',
  });
  if (settings.timeBudgetMs !== undefined) params.set('budget', String(settings.timeBudgetMs));
  return `?${params.toString()}`;
}
