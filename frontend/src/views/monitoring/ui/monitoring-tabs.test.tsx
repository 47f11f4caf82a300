import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import { isMonitoringTab, MonitoringTabs } from "./monitoring-tabs";

describe("MonitoringTabs", () => {
  it("selects on click and moves with the arrow keys, wrapping round", async () => {
    const onSelect = vi.fn();
    renderWithProviders(<MonitoringTabs tab="overview" onSelect={onSelect} />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs).toHaveLength(13);
    // The overview is the first tab.
    expect(tabs[0]).toHaveAttribute("aria-selected", "true");
    expect(tabs[0]).toHaveTextContent("개요");
    await userEvent.click(tabs[3]!);
    expect(onSelect).toHaveBeenLastCalledWith("alerts");
    tabs[0]!.focus();
    await userEvent.keyboard("{ArrowLeft}");
    expect(onSelect).toHaveBeenLastCalledWith("reports");
    await userEvent.keyboard("{ArrowRight}");
    // Focus followed to the last tab: right wraps back to the first.
    expect(onSelect).toHaveBeenLastCalledWith("overview");
  });

  it("knows its tab names", () => {
    expect(isMonitoringTab("forecasts")).toBe(true);
    expect(isMonitoringTab("nope")).toBe(false);
    expect(isMonitoringTab(null)).toBe(false);
  });
});
