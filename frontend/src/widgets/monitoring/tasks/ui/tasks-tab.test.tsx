import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { TasksTab } from "./tasks-tab";

const RUN = {
  name: "apps.monitoring.tasks.deliver_notification",
  worker: "",
  retries: 0,
  started_at: "2026-03-02T12:00:00Z",
  finished_at: null,
  runtime_ms: null,
  error: "",
  eta: null,
  queue: "monitoring",
  retryable: false,
};
const QUEUED = { ...RUN, task_id: "q1", state: "queued" };
const RUNNING = { ...RUN, task_id: "s1", state: "started", worker: "celery@web" };
const FAILED = { ...RUN, task_id: "f1", state: "failed", error: "ValidationError: bad id", retryable: true };
const DONE = { ...RUN, task_id: "d1", state: "succeeded", runtime_ms: 12 };

let stub: ReturnType<typeof createFetchStub>;
let backups: unknown[];

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  backups = [];
  stub = createFetchStub((request) => {
    if (request.path.endsWith("/revoke/")) return { status: 202, body: { ...QUEUED, state: "revoked" } };
    if (request.path.endsWith("/retry/")) return { status: 202, body: { task_id: "new-1" } };
    if (request.path.endsWith("/backups/") && request.method === "POST") {
      backups = [{ id: "b1", status: "running", engine: "postgresql", file: "", size: 0, sha256: "", error: "", created_at: "2026-03-02T12:00:00Z", finished_at: null }];
      return { status: 202, body: { status: "queued" } };
    }
    if (request.path.endsWith("/backups/")) return { status: 200, body: { count: backups.length, next: null, previous: null, results: backups } };
    return {
      status: 200,
      body: { queues: { monitoring: 1 }, summary: [], recent: [QUEUED, RUNNING, FAILED, DONE], failures: [FAILED], retries: [] },
    };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

function renderTab() {
  return renderWithProviders(
    <ToastProvider closeLabel="Close">
      <TasksTab />
    </ToastProvider>,
    { locale: "en" },
  );
}

const posts = () => stub.requests.filter((request) => request.method === "POST");

describe("TasksTab", () => {
  it("offers revoke for a queued run, stop for a running one, retry for a failed one, none when done", async () => {
    renderTab();
    const rows = (await screen.findAllByTestId("task-row")) as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(rows).toHaveLength(4);
    expect(within(rows[0]).getByRole("button", { name: "Revoke" })).toBeInTheDocument();
    expect(within(rows[1]).getByRole("button", { name: "Stop" })).toBeInTheDocument();
    expect(within(rows[2]).getByRole("button", { name: "Retry" })).toBeInTheDocument();
    expect(within(rows[3]).queryByRole("button")).not.toBeInTheDocument();
    expect(within(rows[0]).getByText("Queued")).toBeInTheDocument();
  });

  it("revokes a queued task only once confirmed", async () => {
    const user = userEvent.setup();
    renderTab();
    const rows = (await screen.findAllByTestId("task-row")) as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    await user.click(within(rows[0]).getByRole("button", { name: "Revoke" }));
    const dialog = screen.getByRole("alertdialog", { name: `Revoke ${RUN.name}?` });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(posts()).toHaveLength(0);

    await user.click(within(rows[0]).getByRole("button", { name: "Revoke" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Revoke" }));
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]).toMatchObject({ path: "/api/v1/monitoring/tasks/q1/revoke/", body: { terminate: false } });
    expect(await screen.findByText("Task revoked.")).toBeInTheDocument();
  });

  it("stops a running task with terminate and retries a failed one", async () => {
    const user = userEvent.setup();
    renderTab();
    const rows = (await screen.findAllByTestId("task-row")) as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    await user.click(within(rows[1]).getByRole("button", { name: "Stop" }));
    const stop = screen.getByRole("alertdialog", { name: `Stop the running task ${RUN.name}?` });
    expect(within(stop).getByText(/SIGTERM/)).toBeInTheDocument();
    await user.click(within(stop).getByRole("button", { name: "Stop" }));
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]).toMatchObject({ path: "/api/v1/monitoring/tasks/s1/revoke/", body: { terminate: true } });

    await user.click(within(rows[2]).getByRole("button", { name: "Retry" }));
    const retry = screen.getByRole("alertdialog", { name: `Run ${RUN.name} again?` });
    expect(within(retry).getByText(/same queue \(monitoring\)/)).toBeInTheDocument();
    await user.click(within(retry).getByRole("button", { name: "Retry" }));
    await vi.waitFor(() => expect(posts()).toHaveLength(2));
    expect(posts()[1]?.path).toBe("/api/v1/monitoring/tasks/f1/retry/");
    expect(await screen.findByText("Task sent again as new-1.")).toBeInTheDocument();
  });

  it("starts a backup now and shows it running in the refreshed list", async () => {
    const user = userEvent.setup();
    renderTab();
    expect(await screen.findByText("No backups yet")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back up now" }));
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]?.path).toBe("/api/v1/monitoring/backups/");
    expect(await screen.findByText("Backup started; the list updates when it finishes.")).toBeInTheDocument();
    expect(await screen.findByText("A backup is running…")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Back up now" })).toBeDisabled();
  });
});
