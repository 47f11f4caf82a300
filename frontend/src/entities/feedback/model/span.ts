/**
 * Where a comment sits, as shown on its seek button and in its name: its timecode, or for a
 * range "start – end". One wording for the members' room and the guest page.
 */
export function timecodeSpan(comment: { smpte: string; end_smpte?: string | null }): string {
  return comment.end_smpte ? `${comment.smpte} – ${comment.end_smpte}` : comment.smpte;
}
