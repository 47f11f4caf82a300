import { useTranslations } from "@/shared/i18n";
import { InfoIcon } from "@/shared/ui";

import styles from "./ai-not-configured.module.css";

/** The server answered 503 `ai_not_configured`: say exactly how to switch AI on. */
export function AiNotConfigured({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("aiJobsSetup");
  return (
    <section className={styles.panel} aria-labelledby="ai-not-configured-title" data-testid="ai-not-configured">
      <div className={styles.head}>
        <InfoIcon size={18} aria-hidden="true" />
        <h2 id="ai-not-configured-title" className={styles.title}>
          {t("title")}
        </h2>
      </div>
      <p className={styles.body}>{t("body")}</p>
      {compact ? null : (
        <>
          <ol className={styles.steps}>
            <li>{t("stepKey")}</li>
            <li>{t("stepBaseUrl")}</li>
            <li>{t("stepRestart")}</li>
          </ol>
          <pre className={styles.code}>
            <code>{"OPENAI_API_KEY=sk-…\n# OpenAI-compatible server, e.g. Ollama:\nOPENAI_BASE_URL=http://localhost:11434/v1\nOPENAI_MODEL=gpt-4o-mini"}</code>
          </pre>
        </>
      )}
    </section>
  );
}
