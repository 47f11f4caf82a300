"use client";

import { useTranslations } from "@/shared/i18n";
import { Button, MoonIcon, SunIcon, useTheme } from "@/shared/ui";

export function ThemeToggle() {
  const t = useTranslations("theme");
  const { theme, setTheme } = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  const label = next === "dark" ? t("toDark") : t("toLight");

  return (
    <Button variant="ghost" iconOnly aria-label={label} title={label} onClick={() => setTheme(next)}>
      {theme === "dark" ? <SunIcon /> : <MoonIcon />}
    </Button>
  );
}
