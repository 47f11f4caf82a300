import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { RulesTab } from "./rules-tab";

const RULE = {
  id: "r1",
  name: "Memory",
  description: "",
  source: "host",
  metric: "mem.percent",
  labels: "",
  host_selector: { hosts: ["web-1"] },
  operator: ">",
  threshold: 90,
  for_seconds: 60,
  severity: "critical",
  channels: [],
  cooldown_seconds: 0,
  enabled: true,
  template: "",
  open_alerts: 0,
};

let stub: ReturnType<typeof createFetchStub>;

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub((request) => {
    if (request.path.endsWith("/metrics/catalog/")) return { status: 200, body: { sources: { host: { "mem.percent": "memory used %" } } } };
    if (request.method === "PATCH") return { status: 200, body: { ...RULE, enabled: false } };
    if (request.method === "DELETE") return { status: 204 };
    return { status: 200, body: { count: 1, next: null, previous: null, results: [RULE] } };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

function renderTab() {
  return renderWithProviders(
    <ToastProvider closeLabel="Close">
      <RulesTab />
    </ToastProvider>,
    { locale: "en" },
  );
}

describe("RulesTab", () => {
  it("switches a rule off and deletes it once confirmed", async () => {
    const user = userEvent.setup();
    renderTab();
    const row = await screen.findByTestId("rule-row");

    await user.click(within(row).getByRole("checkbox", { name: "Enable Memory" }));
    await vi.waitFor(() => expect(stub.requests.some((request) => request.method === "PATCH")).toBe(true));
    expect(stub.requests.find((request) => request.method === "PATCH")).toMatchObject({
      path: "/api/v1/monitoring/rules/r1/",
      body: { enabled: false },
    });

    await user.click(within(row).getByRole("button", { name: "Delete" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete the rule Memory and its alerts?" });
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    await vi.waitFor(() => expect(stub.requests.some((request) => request.method === "DELETE")).toBe(true));
  });

  it("opens the editor for a new rule and for an existing one", async () => {
    const user = userEvent.setup();
    renderTab();
    const row = await screen.findByTestId("rule-row");

    await user.click(screen.getByRole("button", { name: "New rule" }));
    expect(screen.getByRole("heading", { name: "New alert rule" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New rule" })).not.toBeInTheDocument();

    await user.click(within(row).getByRole("button", { name: "Edit" }));
    expect(screen.getByRole("heading", { name: "Edit Memory" })).toBeInTheDocument();
    expect(row).toHaveClass("selected");
  });
});
