#!/bin/sh
# Empty PROMETHEUS_MULTIPROC_DIR before the web process starts (prometheus-client
# multiprocess mode sums every file in it; /metrics is served by web). Only `web` runs it:
# workers sharing the folder on the same host add their files to it, and wiping it when a
# worker restarts would drop the web's live values and make the counters go backwards.
# A no-op when the variable is unset.
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  rm -rf "$PROMETHEUS_MULTIPROC_DIR"
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi
