/** Unit of a metric, from its name (units are in the names). */
export type MetricUnit = "percent" | "bytes" | "bytesPerSecond" | "perSecond" | "usd" | "plain";

export function metricUnit(metric: string): MetricUnit {
  if (metric.endsWith("percent") || metric.endsWith("_percent")) return "percent";
  if (metric.endsWith("bytes_per_s")) return "bytesPerSecond";
  if (metric.endsWith("_bytes")) return "bytes";
  if (metric.endsWith("_per_s") || metric.endsWith("_iops")) return "perSecond";
  if (metric.startsWith("ai.cost.") && !metric.endsWith("percent")) return "usd";
  return "plain";
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

export function formatBytes(value: number): string {
  let amount = Math.abs(value);
  let unit = 0;
  while (amount >= 1024 && unit < BYTE_UNITS.length - 1) {
    amount /= 1024;
    unit += 1;
  }
  const digits = amount >= 100 || unit === 0 ? 0 : 1;
  return `${value < 0 ? "-" : ""}${amount.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** A compact, unit-aware value for tables, tiles and chart ticks. */
export function formatMetricValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (metricUnit(metric)) {
    case "percent":
      return `${value.toFixed(value >= 10 || Number.isInteger(value) ? 0 : 1)}%`;
    case "bytes":
      return formatBytes(value);
    case "bytesPerSecond":
      return `${formatBytes(value)}/s`;
    case "perSecond":
      return `${value.toFixed(value >= 10 ? 0 : 1)}/s`;
    case "usd":
      return `$${value.toFixed(2)}`;
    case "plain":
      return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
  }
}
