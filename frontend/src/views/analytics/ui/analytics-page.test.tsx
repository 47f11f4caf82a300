import { screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { AnalyticsPage } from "./analytics-page";

vi.mock("next/navigation", () => ({
  usePathname: () => "/analytics",
  useRouter: () => ({ replace: vi.fn(), push: vi.fn() }),
  useSearchParams: () => new URLSearchParams(),
}));

const ME = {
  id: "u1",
  email: "ops@example.com",
  display_name: "Ops",
  avatar: null,
  locale: "en",
  timezone: "UTC",
  is_staff: false,
  date_joined: "2026-01-01T00:00:00Z",
};

let staff = false;
let stub: ReturnType<typeof createFetchStub>;

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub(({ path }) => {
    if (path === "/api/v1/users/me/") return { status: 200, body: { ...ME, is_staff: staff } };
    if (path === "/api/v1/monitoring/sites/") return { status: 200, body: { count: 0, next: null, previous: null, results: [] } };
    return { status: 404, body: {} };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("AnalyticsPage", () => {
  it("tells a non-staff user the page is for staff and asks nothing of the analytics API", async () => {
    staff = false;
    renderWithProviders(<AnalyticsPage />, { locale: "en" });
    expect(await screen.findByText("Staff only")).toBeInTheDocument();
    expect(stub.requests.some((request) => request.path.startsWith("/api/v1/monitoring/"))).toBe(false);
  });

  it("offers staff to register the first site when there is none", async () => {
    staff = true;
    renderWithProviders(<AnalyticsPage />, { locale: "en" });
    expect(await screen.findByText("Register your first site")).toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Add site" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Web analytics" })).toBeInTheDocument();
  });
});
