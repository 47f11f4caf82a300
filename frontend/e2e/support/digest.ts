import type { APIRequestContext } from "@playwright/test";

import type { TestUser } from "./projects";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;

/** A comment through the API (what the review room's composer sends), optionally urgent. */
export async function postComment(
  request: APIRequestContext,
  user: TestUser,
  versionId: string,
  { body, frame, urgent = false }: { body: string; frame: number; urgent?: boolean },
): Promise<{ id: string; smpte: string }> {
  const response = await request.post(`${API_URL}/versions/${versionId}/feedback/`, {
    headers: { Authorization: `Bearer ${user.access}` },
    data: { body, frame, urgent },
  });
  if (response.status() !== 201) throw new Error(`comment failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { id: string; smpte: string };
}
