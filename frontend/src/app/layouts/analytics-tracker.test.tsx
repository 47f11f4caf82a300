import { render } from "@testing-library/react";

import { AnalyticsTracker } from "./analytics-tracker";

// next/script injects the tag after hydration; here it only has to receive the right props.
vi.mock("next/script", () => ({
  default: (props: Record<string, string>) => <script data-testid="tracker" {...props} />,
}));

it("embeds the tracker from the API with the site key", () => {
  vi.stubEnv("NEXT_PUBLIC_VP_SITE_KEY", "vps_demo");
  vi.stubEnv("NEXT_PUBLIC_API_URL", "http://api.example:8000/");
  const { getByTestId } = render(<AnalyticsTracker />);
  const tag = getByTestId("tracker");
  expect(tag.getAttribute("src")).toBe("http://api.example:8000/static/vp-tracker.js");
  expect(tag.getAttribute("data-site")).toBe("vps_demo");
  expect(tag.getAttribute("strategy")).toBe("afterInteractive");
});

it("renders nothing without a site key", () => {
  vi.stubEnv("NEXT_PUBLIC_VP_SITE_KEY", "");
  const { container } = render(<AnalyticsTracker />);
  expect(container).toBeEmptyDOMElement();
});
