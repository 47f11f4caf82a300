import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { projectApi, type Project } from "@/entities/project";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { ProjectStatusControl } from "./project-status-control";

const project: Project = {
  id: "p1",
  name: "브랜드 필름",
  description: "",
  status: "planning",
  deadline: null,
  owner: { id: "u1", email: "owner@example.com", display_name: "한지민", avatar: null },
  my_role: "manager",
  member_count: 2,
  created_at: "2026-03-01T09:00:00Z",
  updated_at: "2026-03-01T09:00:00Z",
};

function setup(patchAnswer: { status: number; body?: unknown }) {
  setTokens({ access: "A", refresh: "R" });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stub = createFetchStub(async ({ method }) => {
    if (method === "GET") return { status: 200, body: project };
    await gate; // hold the write so the optimistic state can be seen
    return patchAnswer;
  });
  vi.stubGlobal("fetch", stub.fetch);
  return { stub, release: () => release() };
}

function cachedStatus(store: ReturnType<typeof renderWithProviders>["store"]) {
  return projectApi.endpoints.getProject.select("p1")(store.getState()).data?.status;
}

describe("changing a project's status", () => {
  it("shows the new status at once and keeps it when the server agrees", async () => {
    const { release, stub } = setup({ status: 200, body: { ...project, status: "production" } });
    const { store } = renderWithProviders(<ProjectStatusControl project={project} />);
    await store.dispatch(projectApi.endpoints.getProject.initiate("p1"));

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "상태" }), "production");
    expect(cachedStatus(store)).toBe("production");
    release();
    await waitFor(() => expect(stub.requests.at(-1)).toMatchObject({ method: "PATCH", body: { status: "production" } }));
    expect(cachedStatus(store)).toBe("production");
  });

  it("puts the old status back and says so when the server refuses", async () => {
    const { release } = setup({ status: 403, body: envelope("permission_denied", "Your role does not allow this.") });
    const { store } = renderWithProviders(
      <ToastProvider closeLabel="닫기">
        <ProjectStatusControl project={project} />
      </ToastProvider>,
    );
    await store.dispatch(projectApi.endpoints.getProject.initiate("p1"));

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "상태" }), "review");
    expect(cachedStatus(store)).toBe("review");
    release();
    expect(await screen.findByRole("alert")).toHaveTextContent("상태를 변경하지 못해 이전 값으로 되돌렸습니다.");
    expect(cachedStatus(store)).toBe("planning");
  });

  it("is a read-only badge with the reason for roles that cannot manage", () => {
    renderWithProviders(<ProjectStatusControl project={{ ...project, my_role: "editor" }} />);
    expect(screen.queryByRole("combobox")).toBeNull();
    expect(screen.getByTitle("매니저 이상만 할 수 있습니다.")).toHaveTextContent("기획");
  });
});
