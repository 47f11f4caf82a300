"use client";

import { useSelector } from "react-redux";

import { selectIsAuthenticated } from "@/entities/session";
import { useUpdateMeMutation } from "@/entities/user";
import { LOCALE_OPTIONS, useAppLocale, useTranslations, type AppLocale } from "@/shared/i18n";
import { Segmented, useToast } from "@/shared/ui";


/**
 * Switches the UI language at once; when signed in, the choice is saved to
 * the profile too (PATCH users/me/) so every device follows it.
 */
export function LocaleSwitcher({ className }: { className?: string }) {
  const t = useTranslations("locale");
  const te = useTranslations("errors");
  const { locale, setLocale } = useAppLocale();
  const authenticated = useSelector(selectIsAuthenticated);
  const [updateMe] = useUpdateMeMutation();
  const toast = useToast();

  const change = (next: AppLocale) => {
    setLocale(next);
    if (authenticated) {
      updateMe({ locale: next })
        .unwrap()
        .catch(() => toast.show({ tone: "error", message: te("generic") }));
    }
  };

  return <Segmented className={className} label={t("label")} value={locale} options={LOCALE_OPTIONS} onChange={change} />;
}
