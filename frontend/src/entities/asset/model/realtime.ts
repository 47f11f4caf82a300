import { baseApi } from "@/shared/api";
import { defineRealtime } from "@/shared/lib/redux";

/**
 * The review room reads its project (name, my role) and members (for @mentions) through
 * this entity's queries. When the project stream says the project or its membership
 * changed, both are fetched again: a reviewer made editor may upload at once, a new
 * member can be mentioned.
 */
export const registerReviewProjectRealtime = defineRealtime({
  stream: "project:",
  types: ["project.updated", "member."],
  onEvent: (event, { dispatch, streamId: projectId }) => {
    if (event.type !== "project.updated" && !event.type.startsWith("member.")) return;
    dispatch(
      baseApi.util.invalidateTags([
        { type: "Project", id: projectId! },
        { type: "Member", id: `PROJECT-${projectId}` },
      ]),
    );
  },
});
