"use client";

import { setupListeners } from "@reduxjs/toolkit/query";
import { useEffect, useState, type ReactNode } from "react";
import { Provider } from "react-redux";

import { makeStore } from "../model";

export function StoreProvider({ children }: { children: ReactNode }) {
  // One store per tab, created lazily on first render (never a ref read in render).
  const [store] = useState(makeStore);

  useEffect(() => setupListeners(store.dispatch), [store]);

  return <Provider store={store}>{children}</Provider>;
}
