/** What formats a date: use-intl's `useFormatter()` (or anything with its `dateTime`). */
export interface DateFormatter {
  dateTime(value: Date, options: DayOptions): string;
}

/** The options formatDay passes. */
export interface DayOptions {
  year?: "numeric";
  month: "short";
  day: "numeric";
  timeZone: string;
}

/** A calendar day ("2027-01-15") as its UTC midnight: formatted in UTC, no time zone moves it to another day. */
export function calendarDay(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

/**
 * A calendar day such as a deadline, the one way the app writes it: month and day, and the year
 * when it is not this year's ("1월 15일" / "Jan 15"; "2027년 1월 15일" / "Jan 15, 2027").
 */
export function formatDay(format: DateFormatter, iso: string, now: Date): string {
  const sameYear = iso.slice(0, 4) === String(now.getFullYear());
  const options: DayOptions = { month: "short", day: "numeric", timeZone: "UTC" };
  return format.dateTime(calendarDay(iso), sameYear ? options : { ...options, year: "numeric" });
}
