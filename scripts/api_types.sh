#!/usr/bin/env bash
# The frontend's API types come from the backend's OpenAPI document, never by hand:
#   scripts/api_types.sh          regenerate docs/openapi.yaml, frontend/src/shared/api/schema.gen.ts
#                                 and tables.gen.ts beside it (role table, shot vocabulary: scripts/server_tables.py)
#   scripts/api_types.sh --check  regenerate into a temp dir and fail if the committed files differ
set -euo pipefail
cd "$(dirname "$0")/.."
yaml=docs/openapi.yaml
ts=frontend/src/shared/api/schema.gen.ts
tables=frontend/src/shared/api/tables.gen.ts
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The document needs no database or Redis, but DRF takes integer limits from the database
# backend (SQLite: 64-bit), so it is always described for PostgreSQL, the production one;
# nothing connects to that address.
DATABASE_URL=postgres://schema@127.0.0.1:9/schema .venv/bin/python manage.py spectacular --file "$tmp/openapi.yaml"
frontend/node_modules/.bin/openapi-typescript "$tmp/openapi.yaml" --enum-values --output "$tmp/schema.gen.ts" >/dev/null
DATABASE_URL=postgres://schema@127.0.0.1:9/schema .venv/bin/python scripts/server_tables.py >"$tmp/tables.gen.ts"

if [[ "${1:-}" == "--check" ]]; then
  status=0
  for pair in "$yaml:openapi.yaml" "$ts:schema.gen.ts" "$tables:tables.gen.ts"; do
    if ! diff -u "${pair%%:*}" "$tmp/${pair##*:}" >"$tmp/diff"; then
      head -40 "$tmp/diff"
      echo "${pair%%:*} is out of date: run scripts/api_types.sh (or npm --prefix frontend run api:types)"
      status=1
    fi
  done
  exit $status
fi
cp "$tmp/openapi.yaml" "$yaml"
cp "$tmp/schema.gen.ts" "$ts"
cp "$tmp/tables.gen.ts" "$tables"
echo "wrote $yaml, $ts and $tables"
