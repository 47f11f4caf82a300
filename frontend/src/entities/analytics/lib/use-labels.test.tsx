import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";

import { I18nProvider, messagesByLocale } from "@/shared/i18n";

import { useDeviceLabel, useDurationText } from "./use-labels";

function wrapper(locale: "ko" | "en") {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <I18nProvider initialLocale={locale} initialMessages={messagesByLocale[locale]}>{children}</I18nProvider>;
  };
}

describe("analytics labels", () => {
  it("formats durations in both languages", () => {
    const en = renderHook(() => useDurationText(), { wrapper: wrapper("en") }).result.current;
    expect(en(42.4)).toBe("42s");
    expect(en(95.3)).toBe("1m 35s");
    expect(en(3725)).toBe("1h 2m");
    const ko = renderHook(() => useDurationText(), { wrapper: wrapper("ko") }).result.current;
    expect(ko(95.3)).toBe("1분 35초");
  });

  it("names known device classes and passes unknown ones through", () => {
    const label = renderHook(() => useDeviceLabel(), { wrapper: wrapper("ko") }).result.current;
    expect(label("mobile")).toBe("모바일");
    expect(label("smart-tv")).toBe("smart-tv");
    expect(label("")).toBe("알 수 없음");
  });
});
