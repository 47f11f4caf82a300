import enAnalytics from "./messages/en/analytics.json";
import enCore from "./messages/en/core.json";
import enMonitoring from "./messages/en/monitoring.json";
import enPlanning from "./messages/en/planning.json";
import enProjects from "./messages/en/projects.json";
import enReview from "./messages/en/review.json";
import koAnalytics from "./messages/ko/analytics.json";
import koCore from "./messages/ko/core.json";
import koMonitoring from "./messages/ko/monitoring.json";
import koPlanning from "./messages/ko/planning.json";
import koProjects from "./messages/ko/projects.json";
import koReview from "./messages/ko/review.json";
import type { AppLocale } from "./locales";

/*
 * One catalogue per product area (core, projects, review, planning, monitoring,
 * analytics), each keyed by its own top-level namespaces, merged here. Splitting
 * keeps each area's strings beside each other without one giant file.
 */
const ko = { ...koCore, ...koProjects, ...koReview, ...koPlanning, ...koMonitoring, ...koAnalytics };
const en = { ...enCore, ...enProjects, ...enReview, ...enPlanning, ...enMonitoring, ...enAnalytics };

export type Messages = typeof ko;

export const messagesByLocale: Record<AppLocale, Messages> = { ko, en };
