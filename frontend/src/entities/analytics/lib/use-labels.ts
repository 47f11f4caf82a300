"use client";

import { useCallback } from "react";

import { useTranslations } from "@/shared/i18n";

const DEVICE_CLASSES = ["desktop", "mobile", "tablet", "bot", "other"] as const;
type DeviceClass = (typeof DEVICE_CLASSES)[number];

function isDeviceClass(value: string): value is DeviceClass {
  return (DEVICE_CLASSES as readonly string[]).includes(value);
}

/** "1분 35초" / "1m 35s" — session lengths, rounded to the second. */
export function useDurationText(): (seconds: number) => string {
  const t = useTranslations("analyticsFormat");
  return useCallback(
    (seconds: number) => {
      const total = Math.max(0, Math.round(seconds));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      if (h > 0) return t("hourMin", { h, m });
      if (m > 0) return t("minSec", { m, s });
      return t("sec", { s });
    },
    [t],
  );
}

/** Device class from the server (`desktop`, `mobile`, …) in the UI language. */
export function useDeviceLabel(): (deviceClass: string) => string {
  const t = useTranslations("analyticsReport.device");
  return useCallback((deviceClass: string) => (isDeviceClass(deviceClass) ? t(deviceClass) : deviceClass || t("unknown")), [t]);
}
