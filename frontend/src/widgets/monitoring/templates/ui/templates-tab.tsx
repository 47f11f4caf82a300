"use client";

import { useState } from "react";

import {
  ActionsHead,
  consoleStyles as styles,
  DeleteButton,
  EditorOrToolbar,
  type NotificationTemplate,
  ResultsTable,
  RowActions,
  useDeleteTemplateMutation,
  useListTemplatesQuery,
} from "@/entities/monitoring";
import { useTranslations } from "@/shared/i18n";
import { Button } from "@/shared/ui";

import { TemplateEditor } from "./template-editor";

/** Notification templates (Django template syntax) with a live preview. */
export function TemplatesTab() {
  const t = useTranslations("monitoring");
  const templates = useListTemplatesQuery();
  const [remove] = useDeleteTemplateMutation();
  const [editing, setEditing] = useState<NotificationTemplate | "new" | null>(null);

  return (
    <div className={styles.stack}>
      <EditorOrToolbar
        editing={editing}
        title={(template) => (template ? t("templates.editTitle") : t("templates.newTitle"))}
        newLabel={t("templates.new")}
        onNew={() => setEditing("new")}
        intro={<p className={styles.muted}>{t("templates.intro")}</p>}
      >
        {(template) => <TemplateEditor template={template} onDone={() => setEditing(null)} />}
      </EditorOrToolbar>
      <ResultsTable
        query={templates}
        empty={{ title: t("templates.emptyTitle"), body: t("templates.emptyBody"), compact: true }}
        head={
          <>
            <th>{t("templates.name")}</th>
            <th>{t("templates.event")}</th>
            <th>{t("templates.locale")}</th>
            <th>{t("templates.subject")}</th>
            <ActionsHead />
          </>
        }
      >
        {(rows) =>
          rows.map((template) => (
            <tr key={template.id}>
              <td>
                <strong>{template.name}</strong>
              </td>
              <td className={styles.mono}>{template.event_type}</td>
              <td>{template.locale}</td>
              <td className={styles.mono}>{template.subject}</td>
              <RowActions>
                <Button size="sm" variant="ghost" onClick={() => setEditing(template)}>
                  {t("edit")}
                </Button>
                <DeleteButton
                  confirmText={t("templates.confirmDelete", {
                    name: template.name,
                    event: template.event_type,
                    language: template.locale,
                  })}
                  onDelete={() => remove(template.id).unwrap()}
                />
              </RowActions>
            </tr>
          ))
        }
      </ResultsTable>
    </div>
  );
}
