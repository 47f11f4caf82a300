import { afterEach, describe, expect, it } from "vitest";

import { defaultSidebarWidth, readSize, SIDEBAR_MAX, SIDEBAR_MIN, sidebarMax, sizeForKey, storeSize } from "./sizes";

describe("review panel sizes", () => {
  afterEach(() => window.localStorage.clear());

  it("gives the sidebar about a third of the window, within sensible bounds", () => {
    expect(defaultSidebarWidth(1440)).toBe(461);
    expect(defaultSidebarWidth(1024)).toBe(360);
    expect(defaultSidebarWidth(2560)).toBe(480);
  });

  it("leaves the player room beside a wide sidebar", () => {
    expect(sidebarMax(1440)).toBe(SIDEBAR_MAX);
    expect(sidebarMax(1000)).toBe(520);
    expect(sidebarMax(600)).toBe(SIDEBAR_MIN);
  });

  it("moves by arrows (more with Shift) and jumps to the ends with Home and End", () => {
    const limits = { min: 320, max: 720, increase: "ArrowLeft", decrease: "ArrowRight" };
    expect(sizeForKey("ArrowLeft", false, 400, limits)).toBe(416);
    expect(sizeForKey("ArrowLeft", true, 400, limits)).toBe(464);
    expect(sizeForKey("ArrowRight", false, 325, limits)).toBe(320);
    expect(sizeForKey("Home", false, 400, limits)).toBe(320);
    expect(sizeForKey("End", false, 400, limits)).toBe(720);
    expect(sizeForKey("Enter", false, 400, limits)).toBeNull();
  });

  it("keeps a chosen size per browser and forgets it on reset", () => {
    expect(readSize("vp.test")).toBeNull();
    storeSize("vp.test", 512.4);
    expect(readSize("vp.test")).toBe(512);
    storeSize("vp.test", null);
    expect(readSize("vp.test")).toBeNull();
    window.localStorage.setItem("vp.test", "wide");
    expect(readSize("vp.test")).toBeNull();
  });
});
