import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";

import { InviteForm } from "./invite-form";

describe("inviting by email", () => {
  it("offers only roles up to the inviter's own", () => {
    renderWithProviders(<InviteForm projectId="p1" myRole="manager" />);
    const options = Array.from(screen.getByRole("combobox", { name: "역할" }).querySelectorAll("option")).map(
      (option) => option.textContent,
    );
    expect(options).toEqual(["매니저", "편집자", "리뷰어", "뷰어"]);
  });

  it("is disabled with the reason for roles that cannot invite", () => {
    renderWithProviders(<InviteForm projectId="p1" myRole="editor" />);
    expect(screen.getByText("매니저 이상만 할 수 있습니다.")).toBeVisible();
    expect(screen.getByRole("button", { name: "초대 보내기" })).toBeDisabled();
    expect(screen.getByLabelText("이메일")).toBeDisabled();
  });

  it("checks the address, sends the invitation and shows the server's refusal on the field", async () => {
    setTokens({ access: "A", refresh: "R" });
    const stub = createFetchStub(() => ({
      status: 409,
      body: envelope("already_member", "This person is already a member of the project.", {
        email: ["This person is already a member of the project."],
      }),
    }));
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<InviteForm projectId="p1" myRole="owner" />);
    await userEvent.type(screen.getByLabelText("이메일"), "not-an-email");
    await userEvent.click(screen.getByRole("button", { name: "초대 보내기" }));
    expect(screen.getByLabelText("이메일")).toHaveAttribute("aria-invalid", "true");
    expect(stub.requests).toHaveLength(0);

    await userEvent.clear(screen.getByLabelText("이메일"));
    await userEvent.type(screen.getByLabelText("이메일"), "alex@example.com");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "역할" }), "reviewer");
    await userEvent.click(screen.getByRole("button", { name: "초대 보내기" }));
    await waitFor(() =>
      expect(screen.getByLabelText("이메일")).toHaveAccessibleDescription("This person is already a member of the project."),
    );
    expect(stub.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/projects/p1/invitations/",
      body: { email: "alex@example.com", role: "reviewer" },
    });
  });
});

describe("inviting an address that already has a pending invitation", () => {
  it("says as which role, keeps the picked role, and changes it only when asked", async () => {
    setTokens({ access: "A", refresh: "R" });
    const stub = createFetchStub((request) => {
      if (request.method === "DELETE") return { status: 204 };
      if (stub.requests.filter((r) => r.method === "POST").length === 1) {
        return {
          status: 409,
          // The server sends plain strings here (not field errors).
          body: envelope("already_invited", "This e-mail address already has a pending invitation.", {
            role: "viewer",
            invitation_id: "inv-1",
          } as unknown as Record<string, string[]>),
        };
      }
      return { status: 201, body: { id: "inv-2", email: "alex@example.com", role: "reviewer", state: "pending" } };
    });
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<InviteForm projectId="p1" myRole="owner" />);
    await userEvent.type(screen.getByLabelText("이메일"), "alex@example.com");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "역할" }), "reviewer");
    await userEvent.click(screen.getByRole("button", { name: "초대 보내기" }));

    expect(await screen.findByText("이미 뷰어(으)로 초대했습니다.")).toBeVisible();
    expect(screen.getByRole("button", { name: "다시 보내기" })).toBeVisible();
    expect(screen.getByRole("combobox", { name: "역할" })).toHaveValue("reviewer");
    expect(stub.requests).toHaveLength(1);

    await userEvent.click(screen.getByRole("button", { name: "리뷰어(으)로 변경해 다시 보내기" }));
    await waitFor(() => expect(stub.requests).toHaveLength(3));
    expect(stub.requests[1]).toMatchObject({ method: "DELETE", path: "/api/v1/projects/p1/invitations/inv-1/" });
    expect(stub.requests[2]).toMatchObject({ method: "POST", body: { email: "alex@example.com", role: "reviewer" } });
    // After sending, the picker keeps the role rather than falling back to editor.
    await waitFor(() => expect(screen.getByLabelText("이메일")).toHaveValue(""));
    expect(screen.getByRole("combobox", { name: "역할" })).toHaveValue("reviewer");
  });
});
