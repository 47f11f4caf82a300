import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: "@", replacement: fileURLToPath(new URL("./src", import.meta.url)) },
      // As in next.config.ts: catalogues are precompiled, formatted by use-intl's format-only runtime.
      { find: /^use-intl\/format-message$/, replacement: "use-intl/format-message/format-only" },
    ],
  },
  test: {
    environment: "jsdom",
    globals: true,
    // Unit tests live next to the code; Playwright specs in e2e/ are not ours.
    include: ["src/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    setupFiles: ["./vitest.setup.ts"],
    css: { modules: { classNameStrategy: "non-scoped" } },
    // use-intl goes through Vite so that the alias above reaches its own import.
    server: { deps: { inline: ["use-intl"] } },
    restoreMocks: true,
    unstubGlobals: true,
  },
});
