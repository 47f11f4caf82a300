"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { useSelector } from "react-redux";

import { safeNextPath } from "@/shared/config";

import { selectSessionStatus } from "../model/session-slice";

/**
 * For sign-in and sign-up pages: a signed-in visitor is sent on to `?next=`
 * (or home). Returns the destination for use after a successful submit.
 */
export function useGuestOnly(): string {
  const router = useRouter();
  const params = useSearchParams();
  const status = useSelector(selectSessionStatus);
  const next = safeNextPath(params.get("next"));

  useEffect(() => {
    if (status === "authenticated") router.replace(next);
  }, [status, next, router]);

  return next;
}
