"use client";

import { useState } from "react";

import { useTranslations } from "@/shared/i18n";
import { Button, FormAlert, Logo, TextField } from "@/shared/ui";

import styles from "./share-review-page.module.css";

/** Asks for a protected link's password (the page remembers it for the tab). */
export function PasswordGate({ error, onSubmit }: { error: string | null; onSubmit: (password: string) => void }) {
  const t = useTranslations("reviewGuest");
  const [value, setValue] = useState("");
  return (
    <form
      className={styles.gate}
      method="post" // submitted before hydration, the password must not land in the URL
      onSubmit={(event) => {
        event.preventDefault();
        if (value) onSubmit(value);
      }}
    >
      <Logo />
      <h1 className={styles.gateTitle}>{t("passwordTitle")}</h1>
      <p className={styles.muted}>{t("passwordHint")}</p>
      <TextField label={t("password")} type="password" value={value} onChange={(event) => setValue(event.target.value)} autoFocus autoComplete="off" />
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <Button type="submit" variant="primary" disabled={!value}>
        {t("open")}
      </Button>
    </form>
  );
}
