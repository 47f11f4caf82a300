"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

import { AlertCircleIcon, CheckCircleIcon, InfoIcon } from "../icons";
import { cx } from "@/shared/lib/classnames";
import styles from "./toast.module.css";

export type ToastTone = "error" | "success" | "info";

interface ToastItem {
  key: string;
  tone: ToastTone;
  message: string;
}

interface ToastContextValue {
  show: (toast: { tone?: ToastTone; message: string; durationMs?: number }) => void;
}

const ToastContext = createContext<ToastContextValue | null>(null);

/** Transient messages, announced through live regions. */
export function ToastProvider({ children, closeLabel }: { children: ReactNode; closeLabel: string }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const timers = useRef(new Map<string, number>());

  const dismiss = useCallback((key: string) => {
    window.clearTimeout(timers.current.get(key));
    timers.current.delete(key);
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  const show = useCallback<ToastContextValue["show"]>(
    ({ tone = "info", message, durationMs = 5000 }) => {
      // The same message again (a repeated action, a double click) keeps its one toast on
      // screen for longer instead of stacking a copy.
      const key = `${tone}:${message}`;
      window.clearTimeout(timers.current.get(key));
      timers.current.set(key, window.setTimeout(() => dismiss(key), durationMs));
      setItems((current) =>
        current.some((item) => item.key === key) ? current : [...current.slice(-3), { key, tone, message }],
      );
    },
    [dismiss],
  );

  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className={styles.region}>
        {items.map((item) => {
          const Icon = item.tone === "error" ? AlertCircleIcon : item.tone === "success" ? CheckCircleIcon : InfoIcon;
          return (
            <div
              key={item.key}
              className={cx(styles.toast, styles[item.tone])}
              role={item.tone === "error" ? "alert" : "status"}
            >
              <Icon size={16} />
              <p className={styles.message}>{item.message}</p>
              <button type="button" className={styles.close} aria-label={closeLabel} onClick={() => dismiss(item.key)}>
                ×
              </button>
            </div>
          );
        })}
      </div>
    </ToastContext.Provider>
  );
}

const noop: ToastContextValue = { show: () => undefined };

/** Works outside a provider too (does nothing), so components stay testable. */
export function useToast(): ToastContextValue {
  return useContext(ToastContext) ?? noop;
}
