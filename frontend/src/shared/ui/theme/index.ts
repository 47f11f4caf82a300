export { isTheme, THEME_COOKIE, themeBootScript, THEMES, type Theme } from "./theme";
export { ThemeProvider, useTheme } from "./theme-provider";
