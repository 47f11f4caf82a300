import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { Form } from "./form";

describe("Form", () => {
  it("posts when submitted before the script runs, so fields never go into the URL", () => {
    render(<Form aria-label="sign in" />);
    expect(screen.getByRole("form", { name: "sign in" })).toHaveAttribute("method", "post");
  });

  it("keeps a method the caller chooses", () => {
    render(<Form aria-label="search" method="get" />);
    expect(screen.getByRole("form", { name: "search" })).toHaveAttribute("method", "get");
  });
});
