"use client";

import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useSelector } from "react-redux";

import { AcceptInvitationButton } from "@/features/project/accept-invitation";
import { useGetInvitationPreviewQuery, type InvitationPreview } from "@/entities/project";
import { selectSessionStatus } from "@/entities/session";
import { useGetMeQuery } from "@/entities/user";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useFormatter, useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { AuthCard, buttonClassName, FormAlert, MailIcon, PageSpinner } from "@/shared/ui";

import styles from "./invitation-page.module.css";

const STATE_MESSAGE = { expired: "expired", revoked: "revoked", accepted: "used" } as const;

/**
 * `/invitations/<token>`: what the invitation is for, then accept — when
 * signed in with the invited address; otherwise log in (and come back) first.
 */
export function InvitationPage() {
  const { token } = useParams<{ token: string }>();
  const t = useTranslations("projectInvitation");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const preview = useGetInvitationPreviewQuery(token);
  const status = useSelector(selectSessionStatus);

  let content;
  if (preview.isLoading || status === "unknown") {
    content = <PageSpinner label={tc("loading")} />;
  } else if (preview.isError || !preview.data) {
    const error = asApiError(preview.error);
    content = (
      <>
        <FormAlert>{error.status === 404 ? t("notFound") : errorText(error)}</FormAlert>
        <Link className={buttonClassName({ fullWidth: true })} href={routes.projects}>
          {t("goProjects")}
        </Link>
      </>
    );
  } else {
    content = <InvitationBody token={token} invitation={preview.data} signedIn={status === "authenticated"} />;
  }

  return (
    <AuthCard title={t("title")}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      <div className={styles.body} data-testid="invitation-page">
        {content}
      </div>
    </AuthCard>
  );
}

function InvitationBody({ token, invitation, signedIn }: { token: string; invitation: InvitationPreview; signedIn: boolean }) {
  const t = useTranslations("projectInvitation");
  const tr = useTranslations("projectRole");
  const format = useFormatter();
  const router = useRouter();
  const me = useGetMeQuery(undefined, { skip: !signedIn });
  const here = routes.invitation(token);
  const usable = invitation.state === "pending";
  const mismatch = me.data && me.data.email.toLowerCase() !== invitation.email.toLowerCase();

  let action;
  if (!usable) {
    const key = STATE_MESSAGE[invitation.state as keyof typeof STATE_MESSAGE] ?? "notFound";
    action = (
      <>
        <FormAlert tone={invitation.state === "accepted" ? "info" : "error"}>{t(key)}</FormAlert>
        <Link className={buttonClassName({ fullWidth: true })} href={routes.projects}>
          {t("goProjects")}
        </Link>
      </>
    );
  } else if (!signedIn) {
    action = (
      <>
        <FormAlert tone="info">{t("loggedOutHint", { email: invitation.email })}</FormAlert>
        <Link
          className={buttonClassName({ variant: "primary", fullWidth: true })}
          href={`${routes.login}?next=${encodeURIComponent(here)}`}
        >
          {t("loginToAccept")}
        </Link>
        <Link className={buttonClassName({ variant: "ghost", fullWidth: true })} href={`${routes.register}?next=${encodeURIComponent(here)}`}>
          {t("registerToAccept")}
        </Link>
      </>
    );
  } else if (!me.data) {
    action = null;
  } else if (mismatch) {
    action = <FormAlert>{t("mismatch", { email: invitation.email, me: me.data.email })}</FormAlert>;
  } else {
    action = <AcceptInvitationButton token={token} onAccepted={(project) => router.push(routes.project(project.id))} />;
  }

  return (
    <>
      <div className={styles.project}>
        <span className={styles.icon} aria-hidden="true">
          <MailIcon size={18} />
        </span>
        <div>
          <p className={styles.heading} data-testid="invitation-project">
            {t("heading", { project: invitation.project.name })}
          </p>
          <p className={styles.details}>
            {t("details", { inviter: invitation.inviter || "—", email: invitation.email, role: tr(invitation.role) })}
          </p>
          {usable ? (
            <p className={styles.expires}>
              {t("expires", { date: format.dateTime(new Date(invitation.expires_at), { dateStyle: "medium" }) })}
            </p>
          ) : null}
        </div>
      </div>
      {action}
    </>
  );
}
