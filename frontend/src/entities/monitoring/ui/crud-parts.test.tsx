import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { DeleteButton, EditorOrToolbar, EnabledCell } from "./crud-parts";

interface Item {
  id: string;
  name: string;
}

function Editor({ editing, onNew = vi.fn() }: { editing: Item | "new" | null; onNew?: () => void }) {
  return (
    <EditorOrToolbar
      editing={editing}
      title={(item) => (item ? `Edit ${item.name}` : "New item")}
      newLabel="Add item"
      onNew={onNew}
      intro={<p>Items to edit</p>}
    >
      {(item) => <input aria-label="Draft" defaultValue={item?.name ?? ""} />}
    </EditorOrToolbar>
  );
}

const inRow = (cell: React.ReactElement) => (
  <table>
    <tbody>
      <tr>{cell}</tr>
    </tbody>
  </table>
);

describe("EditorOrToolbar", () => {
  it("offers the new button while nothing is open", async () => {
    const user = userEvent.setup();
    const onNew = vi.fn();
    renderWithProviders(<Editor editing={null} onNew={onNew} />);

    expect(screen.getByText("Items to edit")).toBeInTheDocument();
    expect(screen.queryByLabelText("Draft")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add item" }));
    expect(onNew).toHaveBeenCalledOnce();
  });

  it("shows the editor for a new item and for an existing one, afresh for each", async () => {
    const user = userEvent.setup();
    const { rerender } = renderWithProviders(<Editor editing="new" />);
    expect(screen.getByRole("heading", { name: "New item" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add item" })).not.toBeInTheDocument();

    rerender(<Editor editing={{ id: "a", name: "Alpha" }} />);
    expect(screen.getByRole("heading", { name: "Edit Alpha" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Draft"), " changed");

    rerender(<Editor editing={{ id: "b", name: "Beta" }} />);
    expect(screen.getByLabelText("Draft")).toHaveValue("Beta");
  });
});

describe("EnabledCell", () => {
  it("saves the new state and shows a failed save as an error toast", async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn().mockRejectedValue(new Error("Could not save."));
    renderWithProviders(
      <ToastProvider closeLabel="Close">{inRow(<EnabledCell label="Enable Ops" enabled onToggle={onToggle} />)}</ToastProvider>,
      { locale: "en" },
    );

    await user.click(screen.getByRole("checkbox", { name: "Enable Ops" }));
    expect(onToggle).toHaveBeenCalledWith(false);
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not save.");
  });
});

describe("DeleteButton", () => {
  it("deletes only after the confirmation is accepted", async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<DeleteButton confirmText="Delete Ops?" onDelete={onDelete} />, { locale: "en" });

    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("alertdialog", { name: "Delete Ops?" })).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(onDelete).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("alertdialog", { name: "Delete Ops?" })).getByRole("button", { name: "Delete" }));
    expect(onDelete).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
  });

  it("shows a failed delete as an error toast", async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn().mockRejectedValue(new Error("Still in use."));
    renderWithProviders(
      <ToastProvider closeLabel="Close">
        <DeleteButton confirmText="Delete Ops?" onDelete={onDelete} />
      </ToastProvider>,
      { locale: "en" },
    );

    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }));
    expect(onDelete).toHaveBeenCalledOnce();
    expect(await screen.findByRole("alert")).toHaveTextContent("Still in use.");
  });
});
