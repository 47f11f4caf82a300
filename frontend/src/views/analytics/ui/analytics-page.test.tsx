import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { AnalyticsPage } from "./analytics-page";

const navigation = vi.hoisted(() => ({ replace: vi.fn(), search: "" }));

vi.mock("next/navigation", () => ({
  usePathname: () => "/analytics",
  useRouter: () => ({ replace: navigation.replace, push: vi.fn() }),
  useSearchParams: () => new URLSearchParams(navigation.search),
}));

function site(id: string, name: string) {
  return {
    id,
    name,
    public_key: `vps_${name.toLowerCase()}`,
    allowed_origins: [`https://${name.toLowerCase()}.example`],
    owner: null,
    retention_days: 90,
    last_event_at: null,
    snippet: "",
    created_at: "2026-11-23T10:00:00Z",
    updated_at: "2026-11-23T10:00:00Z",
  };
}

const SHOP = site("5b0c8a52-0000-4000-8000-000000000001", "Shop");
const BLOG = site("5b0c8a52-0000-4000-8000-000000000002", "Blog");

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
let sites: unknown[] = [];
let stub: ReturnType<typeof createFetchStub>;

beforeEach(() => {
  sites = [];
  navigation.search = "";
  navigation.replace.mockReset();
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub(({ method, path, body }) => {
    if (method === "PATCH" && path === `/api/v1/monitoring/sites/${SHOP.id}/`) {
      sites = sites.map((one) => (one === SHOP ? { ...SHOP, ...(body as object) } : one));
      return { status: 200, body: { ...SHOP, ...(body as object) } };
    }
    if (path === "/api/v1/users/me/") return { status: 200, body: { ...ME, is_staff: staff } };
    if (path === "/api/v1/monitoring/sites/") return { status: 200, body: { count: sites.length, next: null, previous: null, results: sites } };
    // The live and report widgets are tested on their own; here they may fail quietly.
    return { status: 503, body: {} };
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

  it("shows the site named in the URL and switches sites through the URL", async () => {
    staff = true;
    sites = [BLOG, SHOP];
    navigation.search = `site=${SHOP.id}`;
    const user = userEvent.setup();
    renderWithProviders(<AnalyticsPage />, { locale: "en" });

    const picker = await screen.findByRole("combobox", { name: "Site" });
    expect(picker).toHaveValue(SHOP.id);
    expect(screen.getByTestId("site-public-key")).toHaveTextContent("vps_shop");

    await user.selectOptions(picker, BLOG.id);
    expect(navigation.replace).toHaveBeenCalledWith(`/analytics?site=${BLOG.id}`, { scroll: false });
  });

  it("edits the site's settings in a dialog and shows them once saved", async () => {
    staff = true;
    sites = [SHOP];
    const user = userEvent.setup();
    renderWithProviders(
      <ToastProvider closeLabel="Close">
        <AnalyticsPage />
      </ToastProvider>,
      { locale: "en" },
    );

    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = screen.getByRole("dialog", { name: "Edit site" });
    const origins = within(dialog).getByLabelText("Allowed origins");
    expect(origins).toHaveValue("https://shop.example");
    await user.type(origins, "{enter}https://m.shop.example");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Shop was saved.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    const patch = stub.requests.find((request) => request.method === "PATCH");
    expect(patch?.body).toEqual({ name: "Shop", allowed_origins: ["https://shop.example", "https://m.shop.example"], retention_days: 90 });
    // The list refetches: the settings card shows the new origin.
    expect(await within(screen.getByTestId("site-settings")).findByText("https://m.shop.example")).toBeInTheDocument();
  });
});
