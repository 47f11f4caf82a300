import { render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Button } from "./button";

describe("Button before and after hydration", () => {
  it("renders a submit button disabled and busy in the server's HTML, so an early click never posts natively", () => {
    const html = renderToString(<Button type="submit">로그인</Button>);
    expect(html).toContain("disabled");
    expect(html).toContain('aria-busy="true"');
    expect(renderToString(<Button>취소</Button>)).not.toContain("disabled");
  });

  it("enables it once React runs the page", () => {
    render(<Button type="submit">로그인</Button>);
    const button = screen.getByRole("button", { name: "로그인" });
    expect(button).toBeEnabled();
    expect(button).not.toHaveAttribute("aria-busy");
  });
});
