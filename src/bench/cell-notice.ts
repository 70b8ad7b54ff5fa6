// What the benchmark page tells the headless runner when a cell finishes, through a Playwright binding:
// enough for the runner's log line and its cell timeout, and no raw samples, so nothing large is
// serialised on the cores that are being measured while cells still run. The runner reads the whole
// run record once, at the end.

import type { BenchCell } from './run-record';

/** The page function the runner exposes (page.exposeFunction) and the page calls per finished cell. */
export const CELL_FINISHED_BINDING = 'onDeviceLabCellFinished';

export interface CellNotice {
  /** 1-based position of the cell among the run's finished cells. */
  readonly index: number;
  readonly modelId: string;
  readonly backendConfigId: string;
  readonly status: BenchCell['status'];
  readonly reason?: string;
  readonly medianMs?: number;
  readonly p90Ms?: number;
  readonly softwareAdapter: boolean;
  readonly agreement?: { withinTolerance: boolean; referenceBackendId: string; taskLevel: string };
}

export function cellNotice(cell: BenchCell, index: number): CellNotice {
  const { stats, agreement } = cell;
  return {
    index,
    modelId: cell.modelId,
    backendConfigId: cell.backendConfig.id,
    status: cell.status,
    ...(cell.reason !== undefined ? { reason: cell.reason } : {}),
    ...(stats ? { medianMs: stats.medianMs, p90Ms: stats.p90Ms } : {}),
    softwareAdapter: cell.softwareAdapter,
    ...(agreement
      ? {
          agreement: {
            withinTolerance: agreement.withinTolerance,
            referenceBackendId: agreement.referenceBackendId,
            taskLevel: agreement.taskLevel,
          },
        }
      : {}),
  };
}

/** The runner's log line, e.g. "[1/2] silero-vad-v5 on wasm-1t: median 0.520 ms, p90 1.370 ms, reference". */
export function cellNoticeLine(notice: CellNotice, total: number): string {
  const where = `[${notice.index}/${total}] ${notice.modelId} on ${notice.backendConfigId}`;
  if (notice.status !== 'ok' || notice.medianMs === undefined || notice.p90Ms === undefined)
    return `${where}: ${notice.status} — ${notice.reason ?? ''}`;
  const { agreement } = notice;
  const verdict = agreement
    ? `${agreement.withinTolerance ? 'agrees' : 'DISAGREES'} with ${agreement.referenceBackendId} (${agreement.taskLevel})`
    : 'reference';
  const software = notice.softwareAdapter ? ' [software adapter]' : '';
  return `${where}${software}: median ${notice.medianMs.toFixed(3)} ms, p90 ${notice.p90Ms.toFixed(3)} ms, ${verdict}`;
}
