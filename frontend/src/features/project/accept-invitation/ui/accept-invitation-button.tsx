"use client";

import { useState } from "react";

import type { Project } from "@/entities/project";
import { asApiError, type ApiError } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { Button, FormAlert } from "@/shared/ui";

import { useAcceptInvitationMutation } from "../api/accept-api";

/** Server codes of a refused accept, with our own wording. */
const REFUSALS = {
  invitation_expired: "expired",
  invitation_revoked: "revoked",
  invitation_accepted: "used",
  already_member: "alreadyMember",
  not_found: "notFound",
} as const;

export function AcceptInvitationButton({
  token,
  onAccepted,
}: {
  token: string;
  onAccepted: (project: Project) => void;
}) {
  const t = useTranslations("projectInvitation");
  const errorText = useApiErrorText();
  const [accept, { isLoading }] = useAcceptInvitationMutation();
  const [error, setError] = useState<ApiError | null>(null);

  const onClick = async () => {
    setError(null);
    try {
      onAccepted(await accept(token).unwrap());
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  const known = error ? REFUSALS[error.code as keyof typeof REFUSALS] : undefined;
  return (
    <>
      {error ? <FormAlert>{known ? t(known) : errorText(error)}</FormAlert> : null}
      <Button variant="primary" fullWidth loading={isLoading} onClick={() => void onClick()}>
        {isLoading ? t("accepting") : t("accept")}
      </Button>
    </>
  );
}
