import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import type { AIJob } from "../model/types";
import { useRiskReasons } from "./risk-reasons";

type Risky = Pick<AIJob, "risk_factors" | "risk_reasons">;

function Reasons({ job }: { job: Risky }) {
  return (
    <ul>
      {useRiskReasons()(job).map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

const costly: Risky = {
  risk_reasons: ["estimated $0.40 is over the approval threshold $0.10", "would take this month past 80 % of the budget"],
  risk_factors: [
    { code: "over_threshold", estimated_usd: "0.40", threshold_usd: "0.10" },
    { code: "near_budget", budget_share_percent: 80 },
  ],
};

describe("useRiskReasons", () => {
  it("puts the server's risk factors into Korean", () => {
    renderWithProviders(<Reasons job={costly} />);
    expect(screen.getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "예상 비용 $0.40이(가) 승인 기준 $0.10을(를) 넘습니다",
      "이번 달 예산의 80%를 넘게 됩니다",
    ]);
  });

  it("and into English", () => {
    renderWithProviders(<Reasons job={costly} />, { locale: "en" });
    expect(screen.getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Estimated $0.40 is over the approval threshold of $0.10",
      "Would take this month past 80% of the budget",
    ]);
  });

  it("falls back to the English sentences of jobs made before factors existed", () => {
    renderWithProviders(<Reasons job={{ risk_factors: [], risk_reasons: ["over the threshold"] }} />);
    expect(screen.getByRole("listitem")).toHaveTextContent("over the threshold");
  });
});
