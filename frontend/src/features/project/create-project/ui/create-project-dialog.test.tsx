import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";

import { CreateProjectDialog } from "./create-project-dialog";

describe("creating a project", () => {
  it("checks the name first, then shows the server's field errors from the envelope", async () => {
    setTokens({ access: "A", refresh: "R" });
    const stub = createFetchStub(() => ({
      status: 400,
      body: envelope("validation_error", "Invalid input.", { deadline: ["Date has wrong format."] }),
    }));
    vi.stubGlobal("fetch", stub.fetch);
    const onCreated = vi.fn();
    renderWithProviders(<CreateProjectDialog onCreated={onCreated} />);

    await userEvent.click(screen.getByRole("button", { name: "새 프로젝트" }));
    const dialog = screen.getByRole("dialog", { name: "새 프로젝트" });
    await userEvent.click(screen.getByRole("button", { name: "프로젝트 만들기" }));
    expect(screen.getByLabelText("프로젝트 이름")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("프로젝트 이름")).toHaveFocus();
    expect(stub.requests).toHaveLength(0);

    await userEvent.type(screen.getByLabelText("프로젝트 이름"), "  티저 15초  ");
    await userEvent.click(screen.getByRole("button", { name: "프로젝트 만들기" }));
    await waitFor(() => expect(screen.getByLabelText("마감일")).toHaveAccessibleDescription("Date has wrong format."));
    expect(stub.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/projects/",
      body: { name: "티저 15초", description: "", deadline: null, status: "planning" },
    });
    expect(dialog).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("hands the new project over and closes", async () => {
    setTokens({ access: "A", refresh: "R" });
    const created = { id: "p9", name: "티저" };
    vi.stubGlobal("fetch", createFetchStub(() => ({ status: 201, body: created })).fetch);
    const onCreated = vi.fn();
    renderWithProviders(<CreateProjectDialog onCreated={onCreated} />);
    await userEvent.click(screen.getByRole("button", { name: "새 프로젝트" }));
    await userEvent.type(screen.getByLabelText("프로젝트 이름"), "티저");
    await userEvent.click(screen.getByRole("button", { name: "프로젝트 만들기" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
