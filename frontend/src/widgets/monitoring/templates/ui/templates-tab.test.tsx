import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { TemplatesTab } from "./templates-tab";

const TEMPLATE = {
  id: "t1",
  name: "ops",
  event_type: "alert.firing",
  locale: "ko",
  subject: "[{{ alert.severity }}] {{ rule.name }}",
  body: "{{ alert.value }}",
};

let stub: ReturnType<typeof createFetchStub>;

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub((request) => {
    if (request.method === "DELETE") return { status: 204 };
    return { status: 200, body: { count: 1, next: null, previous: null, results: [TEMPLATE] } };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

describe("TemplatesTab", () => {
  it("deletes a template only once confirmed", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <ToastProvider closeLabel="Close">
        <TemplatesTab />
      </ToastProvider>,
      { locale: "en" },
    );
    const row = (await screen.findByText("ops")).closest("tr")!;
    const deleted = () => stub.requests.some((request) => request.method === "DELETE");
    const question = {
      name: "Delete the template ops (alert.firing, ko)? Alerts that used it are sent with the default template instead.",
    };

    await user.click(within(row).getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("alertdialog", question)).getByRole("button", { name: "Cancel" }));
    expect(deleted()).toBe(false);

    await user.click(within(row).getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("alertdialog", question)).getByRole("button", { name: "Delete" }));
    await vi.waitFor(() => expect(deleted()).toBe(true));
    expect(stub.requests.find((request) => request.method === "DELETE")?.path).toBe("/api/v1/monitoring/templates/t1/");
  });
});
