import { render } from "@testing-library/react";
import { Provider } from "react-redux";
import { describe, expect, it, vi } from "vitest";

import { makeTestStore } from "@/shared/lib/test";
import { wsEventReceived } from "@/shared/ws";

import { useRealtimeListeners, type ListenerRegistration } from "./listeners";

const event = wsEventReceived({ type: "thing.changed", stream: "project:1", seq: 1, ts: "2026-01-01T00:00:00Z", data: {} });

function areaWith(seen: string[]) {
  return vi.fn<ListenerRegistration>((listener) =>
    listener.startListening({ actionCreator: wsEventReceived, effect: (action) => void seen.push(action.payload.type) }),
  );
}

function Page({ area }: { area: ListenerRegistration }) {
  useRealtimeListeners(area);
  return null;
}

describe("useRealtimeListeners", () => {
  it("starts an area's listeners once per store, and they outlive the page", () => {
    const seen: string[] = [];
    const area = areaWith(seen);
    const store = makeTestStore();
    const { unmount } = render(
      <Provider store={store}>
        <Page area={area} />
        <Page area={area} />
      </Provider>,
    );
    expect(area).toHaveBeenCalledTimes(1);

    unmount();
    store.dispatch(event);
    // Its data is still cached after the page is left, so events still reach it.
    expect(seen).toEqual(["thing.changed"]);

    render(
      <Provider store={store}>
        <Page area={area} />
      </Provider>,
    );
    store.dispatch(event);
    expect(area).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(["thing.changed", "thing.changed"]);
  });

  it("starts them again on another store (another tab, another test)", () => {
    const area = areaWith([]);
    for (const store of [makeTestStore(), makeTestStore()]) {
      render(
        <Provider store={store}>
          <Page area={area} />
        </Provider>,
      );
    }
    expect(area).toHaveBeenCalledTimes(2);
  });
});
