import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { floatingPosition, Popover } from "./popover";

const VIEW = { width: 1440, height: 900 };
const PANEL = { width: 220, height: 80 };

describe("floatingPosition", () => {
  it("opens below the trigger when it fits there", () => {
    const trigger = { top: 300, bottom: 322, left: 1000, right: 1040 };
    expect(floatingPosition(trigger, PANEL, VIEW, { align: "start", placement: "below" })).toEqual({ top: 328, left: 1000 });
  });

  it("flips above a trigger near the bottom of the window", () => {
    const trigger = { top: 860, bottom: 882, left: 1000, right: 1040 };
    expect(floatingPosition(trigger, PANEL, VIEW, { align: "start", placement: "below" })).toEqual({ top: 860 - 6 - 80, left: 1000 });
  });

  it("flips below a trigger asked to open above when the top has no room", () => {
    const trigger = { top: 40, bottom: 62, left: 10, right: 50 };
    expect(floatingPosition(trigger, PANEL, VIEW, { align: "start", placement: "above" }).top).toBe(68);
  });

  it("stays inside the window on the right edge", () => {
    const trigger = { top: 300, bottom: 322, left: 1400, right: 1430 };
    expect(floatingPosition(trigger, PANEL, VIEW, { align: "start", placement: "below" }).left).toBe(1440 - 220 - 8);
  });

  it("aligns its end with the trigger's end", () => {
    const trigger = { top: 300, bottom: 322, left: 600, right: 700 };
    expect(floatingPosition(trigger, PANEL, VIEW, { align: "end", placement: "below" }).left).toBe(480);
  });
});

function Floating() {
  const [open, setOpen] = useState(false);
  return (
    <div style={{ overflow: "hidden" }} data-testid="clipping-box">
      <Popover
        open={open}
        onOpenChange={setOpen}
        label="반응 추가"
        kind="menu"
        floating
        trigger={(props) => (
          <button type="button" {...props}>
            +
          </button>
        )}
      >
        <button type="button" role="menuitem">
          👍
        </button>
      </Popover>
    </div>
  );
}

describe("a floating popover", () => {
  it("renders outside the clipping box, focuses its first item and closes on an outside click", async () => {
    const user = userEvent.setup();
    render(<Floating />);
    await user.click(screen.getByRole("button", { name: "+" }));
    const menu = screen.getByRole("menu", { name: "반응 추가" });
    expect(screen.getByTestId("clipping-box")).not.toContainElement(menu);
    expect(menu.style.visibility).toBe("visible");
    expect(screen.getByRole("menuitem", { name: "👍" })).toHaveFocus();
    // A click inside the panel (portalled elsewhere) is not "outside".
    await user.click(menu);
    expect(screen.getByRole("menu")).toBeInTheDocument();
    await user.click(document.body);
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("gives focus back to its trigger on Tab", async () => {
    const user = userEvent.setup();
    render(<Floating />);
    await user.click(screen.getByRole("button", { name: "+" }));
    await user.tab();
    expect(screen.queryByRole("menu")).toBeNull();
    expect(screen.getByRole("button", { name: "+" })).toHaveFocus();
  });
});
