"use client";

import { canAssign, type Invitation, type Role } from "@/entities/project";
import { asApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, useToast } from "@/shared/ui";

import { useRevokeInvitationMutation } from "../api/invitations-api";

export function RevokeInvitationButton({
  projectId,
  invitation,
  myRole,
}: {
  projectId: string;
  invitation: Invitation;
  myRole: Role | null;
}) {
  const t = useTranslations("projectInvite");
  const treasons = useTranslations("projects.reasons");
  const errorText = useApiErrorText();
  const toast = useToast();
  const [revoke, { isLoading }] = useRevokeInvitationMutation();
  if (invitation.state !== "pending") return null;
  const allowed = canAssign(myRole, null, invitation.role);
  const reason = allowed ? null : treasons("aboveYourRole");

  const onClick = async () => {
    try {
      await revoke({ projectId, invitation }).unwrap();
      toast.show({ tone: "success", message: t("revoked"), durationMs: 2500 });
    } catch (error) {
      toast.show({ tone: "error", message: errorText(asApiError(error)) });
    }
  };

  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={!allowed}
      loading={isLoading}
      title={reason ?? undefined}
      aria-label={t("revokeOf", { email: invitation.email })}
      onClick={() => void onClick()}
    >
      {t("revoke")}
    </Button>
  );
}
