import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { APIRequestContext } from "@playwright/test";

import type { TestUser } from "./projects";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;

/** The ffmpeg binary of the imageio-ffmpeg wheel (what the backend's processing uses too). */
function ffmpegPath(): string {
  return execFileSync(path.join(ROOT, ".venv", "bin", "python"), ["-c", "import imageio_ffmpeg;print(imageio_ffmpeg.get_ffmpeg_exe())"], {
    encoding: "utf8",
  }).trim();
}

/** A real H.264 clip (ffmpeg's test pattern), `seconds` long at `fps`; returns its path. */
export function makeTestClip(name: string, { seconds = 2, fps = 25, size = "640x360", source = "testsrc" } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "vp-e2e-"));
  const out = path.join(dir, name);
  execFileSync(
    ffmpegPath(),
    ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", `${source}=duration=${seconds}:size=${size}:rate=${fps}`, "-pix_fmt", "yuv420p", "-c:v", "libx264", "-y", out],
    { timeout: 60_000 },
  );
  return out;
}

async function call<T>(request: APIRequestContext, user: TestUser, method: "get" | "post", url: string, data?: unknown): Promise<T> {
  const response = await request[method](`${API_URL}/${url}`, {
    headers: { Authorization: `Bearer ${user.access}` },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok()) throw new Error(`${method.toUpperCase()} ${url} → ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function createProject(request: APIRequestContext, owner: TestUser, name: string): Promise<{ id: string }> {
  return call(request, owner, "post", "projects/", { name });
}

export async function addMember(request: APIRequestContext, owner: TestUser, projectId: string, member: TestUser, role: string): Promise<void> {
  await call(request, owner, "post", `projects/${projectId}/members/`, { email: member.email, role });
}

export async function createAsset(request: APIRequestContext, user: TestUser, projectId: string, title: string): Promise<{ id: string }> {
  return call(request, user, "post", `projects/${projectId}/assets/`, { title });
}

/** Upload a version through the API (small-file path) and wait until the worker made it ready. */
export async function uploadVersionAndWait(request: APIRequestContext, user: TestUser, assetId: string, file: string): Promise<{ id: string; number: number }> {
  const response = await request.post(`${API_URL}/assets/${assetId}/versions/`, {
    headers: { Authorization: `Bearer ${user.access}` },
    multipart: { file: { name: path.basename(file), mimeType: "video/mp4", buffer: readFileSync(file) } },
  });
  if (response.status() !== 201) throw new Error(`upload failed: ${response.status()} ${await response.text()}`);
  const version = (await response.json()) as { id: string; number: number };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const current = await call<{ status: string }>(request, user, "get", `versions/${version.id}/`);
    if (current.status === "ready") return version;
    if (current.status === "failed") throw new Error("version processing failed");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("version never became ready");
}

export async function addComment(request: APIRequestContext, user: TestUser, versionId: string, body: string, frame: number): Promise<{ id: string }> {
  return call(request, user, "post", `versions/${versionId}/feedback/`, { body, frame });
}
