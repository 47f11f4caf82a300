#!/bin/sh
# Empty PROMETHEUS_MULTIPROC_DIR before a process group starts (prometheus-client
# multiprocess mode sums every file in it). Each Procfile process type runs in its own
# container in production; a no-op when the variable is unset.
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  rm -rf "$PROMETHEUS_MULTIPROC_DIR"
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi
