"use client";

import { useCallback, useState } from "react";

import { asApiError, baseApi, clearTokens, sessionEnded } from "@/shared/api";
import { useTranslations } from "@/shared/i18n";
import { useApiErrorText } from "@/shared/lib/errors";
import { useAppDispatch } from "@/shared/lib/redux";
import { Button, ConfirmDialog, FormAlert } from "@/shared/ui";

import { useLogoutEverywhereMutation } from "../api/logout-everywhere-api";

/**
 * "Sign out everywhere": every session of the account ends on the server at once (its
 * access tokens stop working on every node), this one included, so it then logs out here.
 */
export function LogoutEverywhereButton() {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const errorText = useApiErrorText();
  const dispatch = useAppDispatch();
  const [logoutEverywhere, { isLoading, error }] = useLogoutEverywhereMutation();
  const [confirming, setConfirming] = useState(false);

  const confirm = useCallback(async () => {
    try {
      await logoutEverywhere().unwrap();
    } catch {
      setConfirming(false);
      return; // shown below; this session stays as it was
    }
    setConfirming(false);
    clearTokens();
    dispatch(sessionEnded({ reason: "user" }));
    dispatch(baseApi.util.resetApiState());
  }, [dispatch, logoutEverywhere]);

  return (
    <div>
      {error ? <FormAlert tone="error">{errorText(asApiError(error))}</FormAlert> : null}
      <Button variant="danger" onClick={() => setConfirming(true)}>
        {t("logoutEverywhere")}
      </Button>
      <ConfirmDialog
        open={confirming}
        tone="danger"
        busy={isLoading}
        title={t("logoutEverywhereTitle")}
        body={t("logoutEverywhereBody")}
        confirmLabel={t("logoutEverywhereConfirm")}
        cancelLabel={t("cancel")}
        closeLabel={tc("close")}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
