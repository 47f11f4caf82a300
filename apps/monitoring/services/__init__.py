"""Monitoring services, one module per concern: samples (collector ingestion), rollups
(history and retention), alerts (the rule engine), notify (deliveries), config (rules,
channels, templates, silences), analysis (stats, forecasts, anomalies), backups."""
