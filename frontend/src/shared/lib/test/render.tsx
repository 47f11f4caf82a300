import { combineSlices, configureStore, createListenerMiddleware, type Reducer } from "@reduxjs/toolkit";
import { render, type RenderOptions } from "@testing-library/react";
import type { ReactElement, ReactNode } from "react";
import { Provider } from "react-redux";

import { baseApi } from "@/shared/api";
import { I18nProvider, messagesByLocale, type AppLocale } from "@/shared/i18n";
import type { ApiRootState, AppThunkDispatch } from "@/shared/lib/redux";
import { ThemeProvider } from "@/shared/ui";
import { realtimeSlice } from "@/shared/ws";

export interface TestStoreOptions {
  /** Extra slices (e.g. the session entity) mounted next to the API. */
  slices?: Array<{ reducerPath: string; reducer: Reducer }>;
}

/** Like the app's store: the API, the realtime slice and an empty listener middleware that widgets start their areas' listeners on. */
export function makeTestStore({ slices = [] }: TestStoreOptions = {}) {
  const reducer = combineSlices(baseApi, realtimeSlice, ...slices);
  const listener = createListenerMiddleware<ApiRootState, AppThunkDispatch>();
  return configureStore({
    reducer,
    middleware: (getDefault) =>
      getDefault({ serializableCheck: false }).prepend(listener.middleware).concat(baseApi.middleware),
  });
}

export type TestStore = ReturnType<typeof makeTestStore>;

export interface ProvidersOptions extends TestStoreOptions {
  locale?: AppLocale;
  store?: TestStore;
}

export function renderWithProviders(
  ui: ReactElement,
  { locale = "ko", store, slices, ...options }: ProvidersOptions & Omit<RenderOptions, "wrapper"> = {},
) {
  const testStore = store ?? makeTestStore({ slices });
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <Provider store={testStore}>
        <ThemeProvider initialTheme="light">
          <I18nProvider initialLocale={locale} initialMessages={messagesByLocale[locale]}>{children}</I18nProvider>
        </ThemeProvider>
      </Provider>
    );
  }
  return { store: testStore, ...render(ui, { wrapper: Wrapper, ...options }) };
}
