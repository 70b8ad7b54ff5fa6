// Number formatting shared by the benchmark tables: milliseconds, bytes and small differences.

export const ms = (value: number | undefined) =>
  value === undefined ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1);

export const megabytes = (bytes: number | undefined) =>
  bytes === undefined ? '–' : `${(bytes / 1e6).toFixed(1)} MB`;

export const scientific = (value: number) => (value === 0 ? '0' : value.toExponential(1));
