"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";

import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { buttonClassName, EmptyState, MailIcon, PageSpinner } from "@/shared/ui";

import { useVerifyEmailMutation } from "../api/verify-email-api";

type State = { status: "checking" } | { status: "verified"; email: string } | { status: "invalid" };

/** Follows the link of the verification e-mail: sends its token once and says how it went. */
export function VerifyEmailStatus({ token }: { token: string | null }) {
  const t = useTranslations("auth.verify");
  const [verify] = useVerifyEmailMutation();
  const [state, setState] = useState<State>(token ? { status: "checking" } : { status: "invalid" });
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true; // once, even under StrictMode's double effects
    verify({ token })
      .unwrap()
      .then((answer) => setState({ status: "verified", email: answer.email }))
      .catch(() => setState({ status: "invalid" }));
  }, [token, verify]);

  if (state.status === "checking") return <PageSpinner label={t("checking")} />;
  if (state.status === "verified") {
    return (
      <div role="status">
        <EmptyState
          compact
          icon={<MailIcon size={20} />}
          title={t("doneTitle")}
          body={t("doneBody", { email: state.email })}
          action={
            <Link className={buttonClassName({ variant: "primary" })} href={`${routes.login}?email=${encodeURIComponent(state.email)}`}>
              {t("goLogin")}
            </Link>
          }
        />
      </div>
    );
  }
  return (
    <EmptyState
      compact
      tone="error"
      title={t("invalidTitle")}
      body={t("invalidBody")}
      action={
        <Link className={buttonClassName({ variant: "secondary" })} href={routes.login}>
          {t("goLogin")}
        </Link>
      }
    />
  );
}
