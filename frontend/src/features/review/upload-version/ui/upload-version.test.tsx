import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createFetchStub, renderWithProviders } from "@/shared/lib/test";

import { rememberUpload } from "../model/resume-store";
import { UploadVersion } from "./upload-version";

const ASSET = "7b0c6a55-0000-4000-8000-000000000001";

function choose(file: File) {
  fireEvent.change(screen.getByLabelText("업로드할 영상 파일"), { target: { files: [file] } });
}

describe("UploadVersion", () => {
  let stub: ReturnType<typeof createFetchStub>;
  beforeEach(() => {
    window.localStorage.clear();
    stub = createFetchStub(() => ({ status: 204 }));
    vi.stubGlobal("fetch", stub.fetch);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("refuses a file that is not a video before sending anything, and offers another file instead of a retry", async () => {
    renderWithProviders(<UploadVersion assetId={ASSET} />);

    choose(new File(["%PDF-1.7\n", "x".repeat(4000)], "minutes.mp4", { type: "video/mp4" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("minutes.mp4은(는) 동영상이 아닙니다");
    expect(screen.queryByRole("button", { name: "다시 시도" })).toBeNull();
    expect(screen.getByRole("button", { name: "다른 파일 선택" })).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(stub.requests).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "닫기" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("button", { name: "새 버전 업로드" })).toBeInTheDocument();
  });

  it("lists an upload cut off by a reload and discards it on request (storage drops its parts)", async () => {
    rememberUpload(ASSET, { name: "master.mov", size: 3 * 1024 ** 3, lastModified: 1 }, "upload-9");
    renderWithProviders(<UploadVersion assetId={ASSET} />);

    const unfinished = await screen.findByTestId("unfinished-upload");
    expect(unfinished).toHaveTextContent("끝나지 않은 업로드: master.mov (3.0 GB)");
    expect(screen.getByRole("button", { name: "파일 선택해 이어 올리기" })).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "버리기" }));

    await waitFor(() => expect(screen.queryByTestId("unfinished-upload")).toBeNull());
    await waitFor(() => expect(stub.requests.map((r) => [r.method, r.path])).toEqual([["DELETE", "/api/v1/uploads/upload-9/"]]));
    expect(window.localStorage.length).toBe(0);
  });

  it("lists only this asset's unfinished uploads", async () => {
    rememberUpload("another-asset", { name: "teaser.mp4", size: 200 * 1024 ** 2, lastModified: 1 }, "upload-1");
    renderWithProviders(<UploadVersion assetId={ASSET} />);
    await screen.findByRole("button", { name: "새 버전 업로드" });
    expect(screen.queryByTestId("unfinished-upload")).toBeNull();
  });
});
