import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import { FEEDBACK_BODY_MAX_LENGTH, feedbackBodyLength, isFeedbackBodyTooLong } from "../model/body-limit";
import { BodyCounter } from "./body-counter";

describe("comment length", () => {
  it("counts characters as the server does: code points of the trimmed text", () => {
    expect(FEEDBACK_BODY_MAX_LENGTH).toBe(5000); // generated from apps/feedbacks/models.py
    expect(feedbackBodyLength("  🎬가a  ")).toBe(3); // an emoji is one character, not two UTF-16 units
    expect(isFeedbackBodyTooLong("🎬".repeat(FEEDBACK_BODY_MAX_LENGTH))).toBe(false);
    expect(isFeedbackBodyTooLong("🎬".repeat(FEEDBACK_BODY_MAX_LENGTH + 1))).toBe(true);
  });

  it("says in English how much is over", () => {
    renderWithProviders(<BodyCounter text={"a".repeat(FEEDBACK_BODY_MAX_LENGTH + 12)} />, { locale: "en" });
    expect(screen.getByTestId("body-counter")).toHaveTextContent(/^5012 \/ 5000/);
    expect(screen.getByRole("status")).toHaveTextContent("Comments are at most 5000 characters: 12 too many. Shorten it to send.");
  });

  it("is quiet under the limit", () => {
    renderWithProviders(<BodyCounter text="좋아요" />);
    expect(screen.getByTestId("body-counter")).toHaveTextContent(/^3 \/ 5000$/);
    expect(screen.getByRole("status")).toBeEmptyDOMElement();
  });
});
