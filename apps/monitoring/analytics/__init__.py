"""Web analytics (issue 8): sites, the tracker's event ingestion, sessions, aggregates,
rollups and the live tick. The contract is `apps/monitoring/ANALYTICS_API.md`."""
