import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import { SIDE_TOP_HEIGHT_KEY, SIDEBAR_WIDTH_KEY } from "../model/sizes";
import { ReviewColumns } from "./review-layout";
import { SidebarSplit } from "./sidebar-split";

function columns() {
  return renderWithProviders(<ReviewColumns stage={<p>player</p>} sidebar={<p>comments</p>} sidebarLabel="코멘트와 승인" />);
}

describe("ReviewColumns' splitter", () => {
  afterEach(() => window.localStorage.clear());

  it("is a focusable separator that widens the sidebar with ← and keeps the width", async () => {
    const { container } = columns();
    const splitter = screen.getByRole("separator", { name: /코멘트 패널 너비 조절/ });
    expect(splitter).toHaveAttribute("aria-orientation", "vertical");
    expect(splitter).toHaveAttribute("aria-valuenow", "360"); // a third of the 1024 px window (jsdom), at least 360
    splitter.focus();
    await userEvent.keyboard("{ArrowLeft}{Shift>}{ArrowLeft}{/Shift}");
    expect(splitter).toHaveAttribute("aria-valuenow", String(360 + 16 + 64));
    expect((container.firstChild as HTMLElement).style.getPropertyValue("--sidebar-width")).toBe("440px");
    expect(window.localStorage.getItem(SIDEBAR_WIDTH_KEY)).toBe("440");
  });

  it("starts from the kept width and goes back to the default on double-click", () => {
    window.localStorage.setItem(SIDEBAR_WIDTH_KEY, "600");
    columns();
    const splitter = screen.getByRole("separator", { name: /코멘트 패널 너비 조절/ });
    expect(splitter).toHaveAttribute("aria-valuenow", "600");
    fireEvent.doubleClick(splitter);
    expect(splitter).toHaveAttribute("aria-valuenow", "360");
    expect(window.localStorage.getItem(SIDEBAR_WIDTH_KEY)).toBeNull();
  });

  it("never goes below the minimum", async () => {
    columns();
    const splitter = screen.getByRole("separator", { name: /코멘트 패널 너비 조절/ });
    splitter.focus();
    await userEvent.keyboard("{Home}{ArrowRight}");
    expect(splitter).toHaveAttribute("aria-valuenow", "320");
  });
});

describe("SidebarSplit", () => {
  afterEach(() => window.localStorage.clear());

  it("shows the comments alone when there are no panels above them", () => {
    renderWithProviders(<SidebarSplit top={null} main={<p>comments</p>} />);
    expect(screen.getByText("comments")).toBeInTheDocument();
    expect(screen.queryByRole("separator")).toBeNull();
  });

  it("folds the panels above the comments with Home and keeps that", async () => {
    renderWithProviders(<SidebarSplit top={<p>decision</p>} main={<p>comments</p>} />);
    const splitter = screen.getByRole("separator", { name: /승인·요약 패널 높이 조절/ });
    expect(splitter).toHaveAttribute("aria-orientation", "horizontal");
    splitter.focus();
    await userEvent.keyboard("{Home}");
    expect(window.localStorage.getItem(SIDE_TOP_HEIGHT_KEY)).toBe("0");
    expect(screen.getByText("decision")).toBeInTheDocument();
  });
});
