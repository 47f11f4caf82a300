import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The API lives on another origin (Daphne on :8000 by default); the browser
  // talks to it directly, so no rewrites are needed here.
  typedRoutes: false,
  // Parallel builds (several e2e runs on one checkout) each need their own output dir.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
