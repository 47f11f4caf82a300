import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";

import { SiteForm } from "./site-form";

const SITE = {
  id: "5b0c8a52-0000-4000-8000-000000000001",
  name: "Shop",
  public_key: "vps_abc",
  allowed_origins: ["https://shop.example"],
  owner: null,
  retention_days: 30,
  last_event_at: null,
  snippet: "",
  created_at: "2026-11-23T10:00:00Z",
  updated_at: "2026-11-23T10:00:00Z",
};

let stub: ReturnType<typeof createFetchStub>;
let answer: { status: number; body: unknown };

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  answer = { status: 201, body: SITE };
  stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("SiteForm", () => {
  it("explains bad input before sending anything", async () => {
    const user = userEvent.setup();
    renderWithProviders(<SiteForm onSaved={vi.fn()} />, { locale: "en" });

    await user.type(screen.getByLabelText("Allowed origins"), "https://shop.example/checkout");
    await user.click(screen.getByRole("button", { name: "Create site" }));

    expect(screen.getByLabelText("Site name")).toHaveAccessibleDescription("This field is required.");
    expect(screen.getByLabelText("Site name")).toHaveFocus();
    expect(screen.getByLabelText("Allowed origins")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/https:\/\/shop.example\/checkout is not an origin/)).toBeInTheDocument();
    expect(stub.requests).toHaveLength(0);
  });

  it("creates the site with normalised origins and hands it back", async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    renderWithProviders(<SiteForm onSaved={onCreated} />, { locale: "en" });

    await user.type(screen.getByLabelText("Site name"), " Shop ");
    await user.type(screen.getByLabelText("Allowed origins"), "https://Shop.example/{enter}http://localhost:3000");
    await user.clear(screen.getByLabelText("Raw retention (days)"));
    await user.type(screen.getByLabelText("Raw retention (days)"), "30");
    await user.click(screen.getByRole("button", { name: "Create site" }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(SITE));
    expect(stub.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/monitoring/sites/",
      body: { name: "Shop", allowed_origins: ["https://shop.example", "http://localhost:3000"], retention_days: 30 },
    });
  });

  it("shows the server's field errors on the fields", async () => {
    const user = userEvent.setup();
    answer = { status: 400, body: envelope("validation_error", "Invalid input.", { allowed_origins: ["Too many origins."] }) };
    const onCreated = vi.fn();
    renderWithProviders(<SiteForm onSaved={onCreated} />, { locale: "en" });

    await user.type(screen.getByLabelText("Site name"), "Shop");
    await user.type(screen.getByLabelText("Allowed origins"), "https://shop.example");
    await user.click(screen.getByRole("button", { name: "Create site" }));

    expect(await screen.findByText("Too many origins.")).toBeInTheDocument();
    expect(screen.getByLabelText("Allowed origins")).toHaveFocus();
    expect(screen.getByRole("alert")).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("edits a site: starts from what is saved and sends the changes with PATCH", async () => {
    const user = userEvent.setup();
    const saved = { ...SITE, allowed_origins: ["https://shop.example", "https://m.shop.example"], retention_days: 60 };
    answer = { status: 200, body: saved };
    const onSaved = vi.fn();
    renderWithProviders(<SiteForm site={SITE} onSaved={onSaved} onCancel={vi.fn()} />, { locale: "en" });

    expect(screen.getByRole("form", { name: "Edit site" })).toBeInTheDocument();
    expect(screen.getByLabelText("Site name")).toHaveValue("Shop");
    expect(screen.getByLabelText("Allowed origins")).toHaveValue("https://shop.example");
    expect(screen.getByLabelText("Raw retention (days)")).toHaveValue(30);

    await user.type(screen.getByLabelText("Allowed origins"), "{enter}https://M.shop.example/");
    await user.clear(screen.getByLabelText("Raw retention (days)"));
    await user.type(screen.getByLabelText("Raw retention (days)"), "60");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toMatchObject({
      method: "PATCH",
      path: `/api/v1/monitoring/sites/${SITE.id}/`,
      body: { name: "Shop", allowed_origins: ["https://shop.example", "https://m.shop.example"], retention_days: 60 },
    });
  });

  it("keeps an edit that the server refuses on screen, with the reason", async () => {
    const user = userEvent.setup();
    answer = { status: 400, body: envelope("validation_error", "Invalid input.", { retention_days: ["Ensure this value is less than or equal to 3650."] }) };
    const onSaved = vi.fn();
    renderWithProviders(<SiteForm site={SITE} onSaved={onSaved} />, { locale: "en" });

    await user.clear(screen.getByLabelText("Site name"));
    await user.type(screen.getByLabelText("Site name"), "Shop (KR)");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Ensure this value is less than or equal to 3650.")).toBeInTheDocument();
    expect(screen.getByLabelText("Site name")).toHaveValue("Shop (KR)");
    expect(onSaved).not.toHaveBeenCalled();
  });
});
