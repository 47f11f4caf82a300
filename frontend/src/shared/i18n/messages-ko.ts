import analytics from "./messages/ko/analytics.json";
import attention from "./messages/ko/attention.json";
import core from "./messages/ko/core.json";
import monitoring from "./messages/ko/monitoring.json";
import monitoringOverview from "./messages/ko/monitoring-overview.json";
import monitoringReports from "./messages/ko/monitoring-reports.json";
import notificationSettings from "./messages/ko/notification-settings.json";
import planning from "./messages/ko/planning.json";
import projects from "./messages/ko/projects.json";
import review from "./messages/ko/review.json";
import reviewLayout from "./messages/ko/review-layout.json";
import shots from "./messages/ko/shots.json";
import { precompile } from "./precompile";

/** The Korean catalogue: every area file merged (each owns its top-level namespaces), precompiled. */
const ko = precompile({ ...core, ...projects, ...review, ...planning, ...monitoring, ...monitoringOverview, ...monitoringReports, ...analytics, ...notificationSettings, ...attention, ...shots, ...reviewLayout });
export default ko;
