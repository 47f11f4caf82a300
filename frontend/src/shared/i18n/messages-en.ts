import analytics from "./messages/en/analytics.json";
import attention from "./messages/en/attention.json";
import core from "./messages/en/core.json";
import monitoring from "./messages/en/monitoring.json";
import monitoringOverview from "./messages/en/monitoring-overview.json";
import monitoringReports from "./messages/en/monitoring-reports.json";
import notificationSettings from "./messages/en/notification-settings.json";
import planning from "./messages/en/planning.json";
import projects from "./messages/en/projects.json";
import review from "./messages/en/review.json";
import reviewLayout from "./messages/en/review-layout.json";
import shots from "./messages/en/shots.json";
import { precompile } from "./precompile";

/** The English catalogue: every area file merged (each owns its top-level namespaces), precompiled. */
const en = precompile({ ...core, ...projects, ...review, ...planning, ...monitoring, ...monitoringOverview, ...monitoringReports, ...analytics, ...notificationSettings, ...attention, ...shots, ...reviewLayout });
export default en;
