"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";

import { SiteDetails, useListSitesQuery, type Site } from "@/entities/site";
import { useGetMeQuery } from "@/entities/user";
import { CopySnippet } from "@/features/operations/copy-snippet";
import { SiteActions } from "@/features/operations/manage-site";
import { SiteForm } from "@/features/operations/save-site";
import { AnalyticsLive } from "@/widgets/analytics-live";
import { AnalyticsReport } from "@/widgets/analytics-report";
import { useTranslations } from "@/shared/i18n";
import { AlertCircleIcon, Button, Card, ChartIcon, Dialog, EmptyState, FormAlert, LoadError, Page, PageHeader, RefreshIcon, SelectField, Skeleton, useToast } from "@/shared/ui";

import styles from "./analytics-page.module.css";

const SITES_POLL_MS = 60_000;

function SiteWorkspace({ site, created, onDeleted }: { site: Site; created: boolean; onDeleted: () => void }) {
  const t = useTranslations("analytics");
  const ts = useTranslations("analyticsSnippet");
  const tf = useTranslations("analyticsSites");
  const tc = useTranslations("common");
  const { show } = useToast();
  const [editing, setEditing] = useState(false);
  const actions = (
    <div className={styles.settingsActions}>
      <Button size="sm" onClick={() => setEditing(true)}>
        {t("editSite")}
      </Button>
      <SiteActions site={site} onDeleted={onDeleted} />
    </div>
  );
  const settings = (
    <Card title={t("settingsTitle")} actions={actions} data-testid="site-settings">
      <div className={styles.settings}>
        <SiteDetails site={site} />
        <div>
          <h3 className={styles.subheading}>{ts("title")}</h3>
          <CopySnippet siteKey={site.public_key} />
        </div>
      </div>
    </Card>
  );
  // Right after creation the snippet is what the owner needs first.
  return (
    <>
      {created ? (
        <FormAlert tone="success" className={styles.notice}>
          {t("createdNotice", { name: site.name })}
        </FormAlert>
      ) : null}
      {created ? settings : null}
      <AnalyticsLive siteId={site.id} />
      <AnalyticsReport siteId={site.id} />
      {created ? null : settings}
      <Dialog open={editing} onClose={() => setEditing(false)} title={tf("editTitle")} closeLabel={tc("close")}>
        {/* The dialog renders nothing while closed: each opening starts from the site as saved. */}
        <SiteForm
          site={site}
          onSaved={(saved) => {
            setEditing(false);
            show({ tone: "success", message: t("savedNotice", { name: saved.name }) });
          }}
          onCancel={() => setEditing(false)}
        />
      </Dialog>
    </>
  );
}

function StaffAnalytics() {
  const t = useTranslations("analytics");
  const ts = useTranslations("analyticsSites");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // Refreshed now and then so "last event" stays true while the page is open.
  const sites = useListSitesQuery(undefined, { pollingInterval: SITES_POLL_MS });
  const [adding, setAdding] = useState(false);
  const [createdId, setCreatedId] = useState<string | null>(null);

  const list = sites.data ?? [];
  const requested = params.get("site");
  const selected = list.find((site) => site.id === requested) ?? list[0] ?? null;

  function select(id: string) {
    const next = new URLSearchParams(params.toString());
    next.set("site", id);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }

  /** After a delete, fall back to the first remaining site. */
  function forget() {
    setCreatedId(null);
    const next = new URLSearchParams(params.toString());
    next.delete("site");
    router.replace(next.size > 0 ? `${pathname}?${next.toString()}` : pathname, { scroll: false });
  }

  function created(site: Site) {
    setAdding(false);
    setCreatedId(site.id);
    select(site.id);
  }

  const picker =
    list.length > 0 ? (
      <div className={styles.headerActions}>
        <SelectField
          className={styles.picker}
          label={t("siteLabel")}
          value={selected?.id ?? ""}
          onChange={(event) => {
            setCreatedId(null);
            select(event.target.value);
          }}
          options={list.map((site) => ({ value: site.id, label: site.name }))}
        />
        <Button variant={adding ? "secondary" : "primary"} onClick={() => setAdding((value) => !value)} aria-expanded={adding}>
          {t("addSite")}
        </Button>
      </div>
    ) : null;

  let body;
  if (sites.isLoading) {
    body = (
      <div role="status" aria-label={t("sitesLoading")} className={styles.loading}>
        <Skeleton height={220} radius={12} />
        <Skeleton height={80} radius={12} />
        <Skeleton height={300} radius={12} />
      </div>
    );
  } else if (sites.isError) {
    body = (
      <LoadError icon={<RefreshIcon size={20} />} title={t("sitesError")} error={sites.error} onRetry={sites.refetch} />
    );
  } else if (!selected) {
    body = (
      <Card title={t("onboardingTitle")} description={t("onboardingBody")} data-testid="analytics-onboarding">
        <SiteForm onSaved={created} />
      </Card>
    );
  } else {
    body = <SiteWorkspace site={selected} created={createdId === selected.id} onDeleted={forget} />;
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <span className={styles.eyebrow}>
            <ChartIcon size={14} />
            {t("subtitle")}
          </span>
        }
        title={t("title")}
        actions={picker}
      />
      {adding ? (
        <Card title={ts("createTitle")} description={ts("createDescription")} data-testid="create-site-panel">
          <SiteForm onSaved={created} onCancel={() => setAdding(false)} />
        </Card>
      ) : null}
      {body}
    </>
  );
}

/** `/analytics` — staff only; everyone else sees why they cannot. */
export function AnalyticsPage() {
  const t = useTranslations("analytics");
  const tc = useTranslations("common");
  const { data: user } = useGetMeQuery();

  return (
    <Page className={styles.page}>
      <title>{`${t("title")} · ${tc("appName")}`}</title>
      {!user ? null : user.is_staff ? (
        // useSearchParams needs a boundary so the route can still be prerendered.
        <Suspense fallback={null}>
          <StaffAnalytics />
        </Suspense>
      ) : (
        <>
          <PageHeader title={t("title")} />
          <div data-testid="analytics-forbidden">
            <EmptyState tone="error" icon={<AlertCircleIcon size={20} />} title={t("forbiddenTitle")} body={t("forbiddenBody")} />
          </div>
        </>
      )}
    </Page>
  );
}
