import { renderToStaticMarkup } from "react-dom/server";

import { AnalyticsTracker } from "./analytics-tracker";

it("embeds the tracker from the API with the site key, as the customers' snippet does", () => {
  vi.stubEnv("NEXT_PUBLIC_VP_SITE_KEY", "vps_demo");
  vi.stubEnv("NEXT_PUBLIC_API_URL", "http://api.example:8000/");
  expect(renderToStaticMarkup(<AnalyticsTracker />)).toBe(
    '<script async="" src="http://api.example:8000/static/vp-tracker.js" data-site="vps_demo"></script>',
  );
});

it("renders nothing without a site key", () => {
  vi.stubEnv("NEXT_PUBLIC_VP_SITE_KEY", "");
  expect(renderToStaticMarkup(<AnalyticsTracker />)).toBe("");
});
