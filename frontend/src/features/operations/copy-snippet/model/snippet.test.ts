import { describe, expect, it } from "vitest";

import { buildEmbedSnippet } from "./snippet";

describe("buildEmbedSnippet", () => {
  it("points at the API's tracker and carries the site key", () => {
    expect(buildEmbedSnippet("https://api.videoplanet.kr", "pk_3f9a")).toBe(
      '<script async src="https://api.videoplanet.kr/static/vp-tracker.js" data-site="pk_3f9a"></script>',
    );
  });

  it("does not double the slash of a base URL that ends with one", () => {
    expect(buildEmbedSnippet("http://127.0.0.1:8000/", "k")).toContain('src="http://127.0.0.1:8000/static/vp-tracker.js"');
  });

  it("escapes what would break out of the attribute", () => {
    expect(buildEmbedSnippet("https://a.test", 'x"><script>alert(1)</script>')).toBe(
      '<script async src="https://a.test/static/vp-tracker.js" data-site="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></script>',
    );
  });
});
