/** Decimal strings from the API as numbers, for display and charts only (never sent back). */
export function usd(value: string | number | null | undefined): number {
  const parsed = typeof value === "number" ? value : Number.parseFloat(value ?? "");
  return Number.isFinite(parsed) ? parsed : 0;
}
