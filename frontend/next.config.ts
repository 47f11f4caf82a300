import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container image (deploy/frontend.Dockerfile) sets NEXT_OUTPUT=standalone: a self-contained
  // server.js with only the node_modules it needs. `next start` (make run, e2e) keeps the default.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // The API lives on another origin (Daphne on :8000 by default); the browser
  // talks to it directly, so no rewrites are needed here.
  typedRoutes: false,
  // `make run` opens on localhost; the API admits 127.0.0.1 too, and so must the dev server,
  // which otherwise blocks its own dev resources there and the page never hydrates.
  allowedDevOrigins: ["127.0.0.1"],
  // `make dev`'s route indicator sat on the review player's previous-frame button; build and
  // runtime errors still open Next's overlay.
  devIndicators: false,
  // Parallel builds (several e2e runs on one checkout) each need their own output dir.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  turbopack: {
    resolveAlias: {
      // Catalogues are precompiled (src/shared/i18n/precompile.ts), so use-intl formats them
      // with its format-only runtime and no ICU parser reaches the browser.
      "use-intl/format-message": "./node_modules/use-intl/dist/esm/production/format-message/format-only.js",
    },
  },
};

export default nextConfig;
