#!/usr/bin/env bash
# README's demo on PostgreSQL replicas, with a throw-away local server: eng/test-postgres.sh starts one from Debian's packages
# (installed when missing) in a temp folder on a unix socket; the demo runs each Party's replicas (2 unless --replicas says
# otherwise) on a database of its own there; the server and its folder are removed when the demo ends (Ctrl+C too).
#   eng/demo-postgres.sh --data DIR [--replicas R] [--base-port N] [--no-wait]
# For a server of your own, run the demo directly: dotnet run --project src/Gateway -- demo --data DIR --postgres CONNECTION-STRING --replicas 2
set -euo pipefail
cd "$(dirname "$0")/.."

pg_dir=$(mktemp -d /tmp/cg-demo-pg.XXXXXX)
trap 'eng/test-postgres.sh stop "$pg_dir"' EXIT
connection=$(eng/test-postgres.sh start "$pg_dir")
echo "PostgreSQL: a throw-away server in $pg_dir ($connection)"

replicas=()
if [[ " $* " != *" --replicas "* ]]; then
  replicas=(--replicas 2)
fi
dotnet run --project src/Gateway -- demo --postgres "$connection" "${replicas[@]}" "$@"
