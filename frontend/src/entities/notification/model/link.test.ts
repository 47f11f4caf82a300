import { describe, expect, it } from "vitest";

import { notificationHref } from "./link";

describe("notificationHref", () => {
  it("keeps a direct review link as the server sent it", () => {
    const url = "/assets/a1?version=v1&feedback=f1";
    expect(notificationHref({ url, data: { asset_id: "a1", version_id: "v1" } })).toBe(url);
  });

  it("sends an older /projects/…/review/… link straight to the asset when the notification names it", () => {
    expect(notificationHref({ url: "/projects/p1/review/v1?feedback=f1", data: { asset_id: "a1" } })).toBe(
      "/assets/a1?version=v1&feedback=f1",
    );
    expect(notificationHref({ url: "/projects/p1/review/v1", data: { asset_id: "a1" } })).toBe("/assets/a1?version=v1");
  });

  it("leaves an older link without the asset to the redirect page, and other links alone", () => {
    expect(notificationHref({ url: "/projects/p1/review/v1", data: { version_id: "v1" } })).toBe("/projects/p1/review/v1");
    expect(notificationHref({ url: "/projects/p1", data: { asset_id: "a1" } })).toBe("/projects/p1");
    expect(notificationHref({ url: "https://example.com/x", data: {} })).toBe("https://example.com/x");
    expect(notificationHref({ url: null, data: {} })).toBeNull();
  });
});
