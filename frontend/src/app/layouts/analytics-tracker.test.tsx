import { renderToStaticMarkup } from "react-dom/server";

import { AnalyticsTracker } from "./analytics-tracker";

it("embeds the tracker from the API with the site key, as the customers' snippet does, with the page's nonce", () => {
  vi.stubEnv("NEXT_PUBLIC_VP_SITE_KEY", "vps_demo");
  vi.stubEnv("NEXT_PUBLIC_API_URL", "http://api.example:8000/");
  expect(renderToStaticMarkup(<AnalyticsTracker nonce="bm9uY2U=" />)).toBe(
    '<script async="" src="http://api.example:8000/static/vp-tracker.js" data-site="vps_demo" nonce="bm9uY2U="></script>',
  );
});

it("renders nothing without a site key", () => {
  vi.stubEnv("NEXT_PUBLIC_VP_SITE_KEY", "");
  expect(renderToStaticMarkup(<AnalyticsTracker nonce="bm9uY2U=" />)).toBe("");
});
