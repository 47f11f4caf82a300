"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

import { AlertCircleIcon, CheckCircleIcon, InfoIcon } from "../icons";
import { cx } from "@/shared/lib/classnames";
import styles from "./toast.module.css";

export type ToastTone = "error" | "success" | "info";

interface ToastItem {
  id: number;
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
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setItems((current) => current.filter((item) => item.id !== id));
  }, []);

  const show = useCallback<ToastContextValue["show"]>(
    ({ tone = "info", message, durationMs = 5000 }) => {
      const id = nextId.current++;
      setItems((current) => [...current.slice(-3), { id, tone, message }]);
      window.setTimeout(() => dismiss(id), durationMs);
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
              key={item.id}
              className={cx(styles.toast, styles[item.tone])}
              role={item.tone === "error" ? "alert" : "status"}
            >
              <Icon size={16} />
              <p className={styles.message}>{item.message}</p>
              <button type="button" className={styles.close} aria-label={closeLabel} onClick={() => dismiss(item.id)}>
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
