import { baseApi } from "@/shared/api";
import type { StartListening } from "@/shared/lib/redux";
import { wsEventReceived } from "@/shared/ws";

const PROJECT_STREAM = "project:";

/**
 * The review room reads its project (name, my role) and members (for @mentions) through
 * this entity's queries. When the project stream says the project or its membership
 * changed, both are fetched again: a reviewer made editor may upload at once, a new
 * member can be mentioned.
 */
export function registerReviewProjectRealtime(listener: StartListening): () => void {
  return listener.startListening({
    actionCreator: wsEventReceived,
    effect: (action, api) => {
      const { stream, type } = action.payload;
      if (!stream?.startsWith(PROJECT_STREAM)) return;
      if (type !== "project.updated" && !type.startsWith("member.")) return;
      const projectId = stream.slice(PROJECT_STREAM.length);
      api.dispatch(
        baseApi.util.invalidateTags([
          { type: "Project", id: projectId },
          { type: "Member", id: `PROJECT-${projectId}` },
        ]),
      );
    },
  });
}
