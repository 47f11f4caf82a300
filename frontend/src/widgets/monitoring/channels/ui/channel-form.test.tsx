import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { ChannelForm } from "./channel-form";

const SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXX";
let stub: ReturnType<typeof createFetchStub>;

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  stub = createFetchStub((request) => ({
    status: 201,
    body: { id: "c1", enabled: true, recipients: [], secret: "", ...(request.body as object) },
  }));
  vi.stubGlobal("fetch", stub.fetch);
});

describe("ChannelForm", () => {
  it("creates a Slack channel from its incoming-webhook URL", async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    renderWithProviders(<ChannelForm onCreated={onCreated} />, { locale: "en" });

    await user.type(screen.getByLabelText("Name"), "ops-slack");
    await user.selectOptions(screen.getByLabelText("Kind"), "slack");
    const url = screen.getByLabelText("Slack incoming-webhook URL");
    expect(screen.getByText(/Apps → Incoming Webhooks/)).toBeInTheDocument();
    await user.type(url, "not a url");
    await user.click(screen.getByRole("button", { name: "Add channel" }));
    expect(await screen.findByText("Enter an http(s) URL.")).toBeInTheDocument();
    expect(stub.requests).toHaveLength(0);

    await user.clear(url);
    await user.type(url, SLACK_URL);
    await user.click(screen.getByRole("button", { name: "Add channel" }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(stub.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/monitoring/channels/",
      body: { name: "ops-slack", kind: "slack", url: SLACK_URL, locale: "ko" },
    });
  });

  it("asks for the Slack URL in Korean", async () => {
    const user = userEvent.setup();
    renderWithProviders(<ChannelForm onCreated={vi.fn()} />, { locale: "ko" });
    await user.selectOptions(screen.getByRole("combobox", { name: "종류" }), "slack");
    expect(screen.getByLabelText("Slack 수신 웹훅 URL")).toBeInTheDocument();
  });
});
