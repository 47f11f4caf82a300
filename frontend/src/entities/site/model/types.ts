import type { Page } from "@/shared/api";

/** A website that embeds the tracker (`GET monitoring/sites/`). */
export interface Site {
  id: string;
  name: string;
  /** Goes into `data-site="…"`; identifies the site, it is not a secret. */
  public_key: string;
  allowed_origins: string[];
  owner: { id: string; email: string; display_name: string } | null;
  retention_days: number;
  last_event_at: string | null;
  /** The embed line as the server would write it. */
  snippet: string;
  created_at: string;
  updated_at: string;
}

/** What `POST monitoring/sites/` takes. */
export interface SiteCreate {
  name: string;
  allowed_origins: string[];
  retention_days?: number;
}

export type SiteUpdate = Partial<SiteCreate> & { id: string };

export type SitePage = Page<Site>;

export const DEFAULT_RETENTION_DAYS = 90;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_ALLOWED_ORIGINS = 20;
