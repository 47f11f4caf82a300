"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useSelector } from "react-redux";

import { selectSessionEndReason, selectSessionStatus } from "@/entities/session";
import { useGetMeQuery } from "@/entities/user";
import { AppHeader } from "@/widgets/app-header";
import { asApiError } from "@/shared/api";
import { routes } from "@/shared/config";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { AlertCircleIcon, Button, EmptyState, PageSpinner, useThrottleRecovery } from "@/shared/ui";

import styles from "./app-layout.module.css";

/**
 * Everything behind sign-in: visitors without a session go to /login (and
 * come back here afterwards); the shell appears once the profile is loaded.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const errorText = useApiErrorText();
  const router = useRouter();
  const pathname = usePathname();
  const status = useSelector(selectSessionStatus);
  const endReason = useSelector(selectSessionEndReason);
  const me = useGetMeQuery(undefined, { skip: status !== "authenticated" });
  const retryingIn = useThrottleRecovery(me.isError && !me.data ? me.error : undefined, me.refetch);

  useEffect(() => {
    if (status !== "anonymous") return;
    // Come back here after signing in — unless the user chose to log out.
    const comeBack = endReason !== "user" && pathname && pathname !== routes.home;
    router.replace(comeBack ? `${routes.login}?next=${encodeURIComponent(pathname)}` : routes.login);
  }, [status, endReason, pathname, router]);

  if (status === "authenticated" && me.isError && !me.data) {
    return (
      <div className={styles.center}>
        <EmptyState
          tone="error"
          icon={<AlertCircleIcon size={20} />}
          title={errorText(asApiError(me.error))}
          body={retryingIn === null ? undefined : t("retryingIn", { seconds: retryingIn })}
          action={<Button onClick={() => void me.refetch()}>{t("retry")}</Button>}
        />
      </div>
    );
  }

  if (status !== "authenticated" || !me.data) {
    return (
      <div className={styles.center}>
        <PageSpinner label={t("loading")} />
      </div>
    );
  }

  return (
    <>
      <a className={styles.skip} href="#main">
        {t("skipToContent")}
      </a>
      <AppHeader user={me.data} />
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
