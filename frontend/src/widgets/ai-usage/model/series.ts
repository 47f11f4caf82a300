import { usd, type AIUsage } from "@/entities/ai-job";

export interface UsagePoint {
  day: number;
  /** That day's cost (all kinds). */
  cost: number;
  /** Spent up to the end of that day; null for days still to come. */
  cumulative: number | null;
  /** Straight-line projection from today to the month end; null before today. */
  forecast: number | null;
}

function daysIn(month: string): number {
  const [year, number] = month.split("-").map(Number);
  if (!year || !number) return 30;
  return new Date(Date.UTC(year, number, 0)).getUTCDate();
}

/**
 * One point per day of the usage month: daily cost, the running total, and
 * (for the current month) the projection to month end that ends at the
 * server's forecast.
 */
export function usageSeries(usage: Pick<AIUsage, "month" | "daily" | "forecast_usd">, today: Date = new Date()): UsagePoint[] {
  const days = daysIn(usage.month);
  const perDay = new Array<number>(days + 1).fill(0);
  for (const row of usage.daily) {
    const day = Number(row.date.slice(8, 10));
    if (day >= 1 && day <= days) perDay[day] = (perDay[day] ?? 0) + usd(row.cost_usd);
  }
  const thisMonth = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}` === usage.month;
  const lastDay = thisMonth ? today.getDate() : days;
  const forecast = usd(usage.forecast_usd);

  const points: UsagePoint[] = [];
  let running = 0;
  for (let day = 1; day <= days; day += 1) {
    running += perDay[day] ?? 0;
    const past = day <= lastDay;
    points.push({
      day,
      cost: round(perDay[day] ?? 0),
      cumulative: past ? round(running) : null,
      forecast: null,
    });
  }
  if (thisMonth && lastDay < days) {
    const spent = points[lastDay - 1]?.cumulative ?? 0;
    const step = (forecast - spent) / (days - lastDay);
    for (let day = lastDay; day <= days; day += 1) {
      const point = points[day - 1];
      if (point) point.forecast = round(spent + step * (day - lastDay));
    }
  }
  return points;
}

function round(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
