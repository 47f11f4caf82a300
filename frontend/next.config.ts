import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The API lives on another origin (Daphne on :8000 by default); the browser
  // talks to it directly, so no rewrites are needed here.
  typedRoutes: false,
};

export default nextConfig;
