import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { SelectField } from "../select-field";
import { TextAreaField } from "../text-area-field";
import { TextField } from "../text-field";

const OPTIONS = [{ value: "a", label: "A" }];

describe("the field shell of TextField, SelectField and TextAreaField", () => {
  it.each([
    ["TextField", <TextField key="text" id="f" label="Name" hint="Shown to others" error="Required" />, "textbox"],
    ["SelectField", <SelectField key="select" id="f" label="Name" options={OPTIONS} hint="Shown to others" error="Required" />, "combobox"],
    ["TextAreaField", <TextAreaField key="area" id="f" label="Name" hint="Shown to others" error="Required" />, "textbox"],
  ])("%s: the label names the control, the error and hint describe it", (_name, field, role) => {
    render(field);
    const control = screen.getByRole(role, { name: "Name" });

    expect(control).toHaveAttribute("id", "f");
    expect(control).toHaveAttribute("aria-invalid", "true");
    expect(control).toHaveAttribute("aria-describedby", "f-error f-hint");
    expect(control).toHaveAccessibleDescription("Required Shown to others");
  });

  it.each([
    ["TextField", <TextField key="text" label="Name" />, "textbox", /^field-/],
    ["SelectField", <SelectField key="select" label="Name" options={OPTIONS} />, "combobox", /^select-/],
    ["TextAreaField", <TextAreaField key="area" label="Name" />, "textbox", /^textarea-/],
  ])("%s: without an id, error or hint the control gets its own id and no aria wiring", (_name, field, role, prefix) => {
    render(field);
    const control = screen.getByRole(role, { name: "Name" });

    expect(control.id).toMatch(prefix);
    expect(control).not.toHaveAttribute("aria-invalid");
    expect(control).not.toHaveAttribute("aria-describedby");
  });

  it("TextField keeps the caller's aria-describedby after its own and shows labelAside beside the label", () => {
    render(
      <>
        <p id="extra">Extra</p>
        <TextField id="f" label="Password" hint="Hint" aria-describedby="extra" labelAside={<a href="/reset">Forgot?</a>} />
      </>,
    );

    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-describedby", "f-hint extra");
    expect(screen.getByRole("link", { name: "Forgot?" }).parentElement).toHaveClass("labelRow");
  });

  it("TextField's reveal button controls the password input", async () => {
    const user = userEvent.setup();
    render(<TextField id="pw" type="password" label="Password" revealLabels={{ show: "Show", hide: "Hide" }} />);

    const toggle = screen.getByRole("button", { name: "Show" });
    expect(toggle).toHaveAttribute("aria-controls", "pw");
    await user.click(toggle);
    expect(screen.getByLabelText("Password")).toHaveAttribute("type", "text");
    expect(screen.getByRole("button", { name: "Hide" })).toHaveAttribute("aria-pressed", "true");
  });
});
