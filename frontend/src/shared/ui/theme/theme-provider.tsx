"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

import { isTheme, THEME_COOKIE, type Theme } from "./theme";

interface ThemeContextValue {
  theme: Theme;
  setTheme: (theme: Theme) => void;
}

const ThemeContext = createContext<ThemeContextValue | null>(null);

function currentDocumentTheme(fallback: Theme): Theme {
  if (typeof document === "undefined") return fallback;
  const value = document.documentElement.dataset.theme;
  return isTheme(value) ? value : fallback;
}

export function ThemeProvider({ initialTheme, children }: { initialTheme: Theme | null; children: ReactNode }) {
  // With no cookie the boot script already picked one from the system preference.
  const [theme, setThemeState] = useState<Theme>(() => initialTheme ?? currentDocumentTheme("light"));

  const setTheme = useCallback((next: Theme) => {
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    setThemeState(next);
  }, []);

  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeContextValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error("useTheme must be used inside <ThemeProvider>");
  return value;
}
