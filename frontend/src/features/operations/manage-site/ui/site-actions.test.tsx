import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { SiteActions } from "./site-actions";

const SITE = {
  id: "5b0c8a52-0000-4000-8000-000000000001",
  name: "Shop",
  public_key: "vps_old",
  allowed_origins: ["https://shop.example"],
  owner: null,
  retention_days: 30,
  last_event_at: null,
  snippet: "",
  created_at: "2026-11-23T10:00:00Z",
  updated_at: "2026-11-23T10:00:00Z",
};

let stub: ReturnType<typeof createFetchStub>;

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub(({ method }) =>
    method === "DELETE" ? { status: 204 } : { status: 200, body: { ...SITE, public_key: "vps_new" } },
  );
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("SiteActions", () => {
  it("rotates the key only after confirmation", async () => {
    const user = userEvent.setup();
    renderWithProviders(<SiteActions site={SITE} />, { locale: "en" });

    await user.click(screen.getByRole("button", { name: "Rotate key" }));
    const dialog = screen.getByRole("alertdialog", { name: "Issue a new public key?" });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(stub.requests).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Rotate key" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Rotate" }));
    await vi.waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(stub.requests[0]).toMatchObject({ method: "POST", path: `/api/v1/monitoring/sites/${SITE.id}/rotate-key/` });
  });

  it("deletes the site and tells the page", async () => {
    const user = userEvent.setup();
    const onDeleted = vi.fn();
    renderWithProviders(<SiteActions site={SITE} onDeleted={onDeleted} />, { locale: "en" });

    await user.click(screen.getByRole("button", { name: "Delete site" }));
    await user.click(within(screen.getByRole("alertdialog", { name: "Delete Shop?" })).getByRole("button", { name: "Delete" }));

    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalledWith(SITE));
    expect(stub.requests[0]).toMatchObject({ method: "DELETE", path: `/api/v1/monitoring/sites/${SITE.id}/` });
  });
});
