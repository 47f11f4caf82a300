import { createFormatter } from "use-intl";
import { describe, expect, it } from "vitest";

import { calendarDay, formatDay } from "./index";

const now = new Date("2026-12-07T12:00:00");

describe("formatDay", () => {
  it("writes month and day, with the year only when it is not this year's, in both languages", () => {
    const ko = createFormatter({ locale: "ko", timeZone: "Asia/Seoul" });
    const en = createFormatter({ locale: "en", timeZone: "Asia/Seoul" });
    expect(formatDay(ko, "2026-12-24", now)).toBe("12월 24일");
    expect(formatDay(en, "2026-12-24", now)).toBe("Dec 24");
    expect(formatDay(ko, "2027-01-15", now)).toBe("2027년 1월 15일");
    expect(formatDay(en, "2027-01-15", now)).toBe("Jan 15, 2027");
  });

  it("keeps the day whatever the time zone (a day is its UTC midnight, formatted in UTC)", () => {
    expect(calendarDay("2027-01-15").toISOString()).toBe("2027-01-15T00:00:00.000Z");
    const honolulu = createFormatter({ locale: "en", timeZone: "Pacific/Honolulu" });
    expect(formatDay(honolulu, "2027-01-15", now)).toBe("Jan 15, 2027");
  });
});
