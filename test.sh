#!/usr/bin/env bash
# Runs every test: restore, build, lint the protos, run all tests. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download (Debian: apt-get install dotnet-sdk-10.0 from Microsoft's feed)." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Node.js and npm are needed for buf (proto lint); installing with apt-get." >&2
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi

if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "== installing Debian's chromium for the dashboard's browser tests"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  fi
fi

if ! command -v promtool >/dev/null 2>&1; then
  echo "== installing Debian's prometheus package for promtool (the alerting rules' checks)"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  fi
fi

echo "== alerting rules: promtool check and unit tests"
promtool check rules eng/alerts/gateway-alerts.yml
(cd eng/alerts && promtool test rules gateway-alerts.test.yml)

echo "== docker/compose.yaml"
# Only where the compose plugin is installed; its Gateway__ keys are checked against the code by ComposeConfigurationTests always.
if docker compose version >/dev/null 2>&1; then
  compose_secrets=$(mktemp -d)
  printf 'placeholder\n' >"$compose_secrets/kz-db-password"
  printf 'placeholder\n' >"$compose_secrets/tm-db-password"
  CG_SECRETS="$compose_secrets" docker compose -f docker/compose.yaml config -q
  rm -rf "$compose_secrets"
  echo "docker compose config: ok"
else
  echo "docker compose config: skipped (docker compose is not installed here)"
fi

echo "== restore tools (buf), lint protos, check them against the released contracts"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install buf lint protos
echo "buf lint: ok"
# The wire as last released (eng/contracts/README.md): changes must be additive.
npx --no-install buf breaking protos --against eng/contracts/v1-released.binpb
echo "buf breaking: ok"

echo "== restore and build"
dotnet restore ClassifiedGateway.sln
dotnet build ClassifiedGateway.sln --no-restore -c Release

echo "== start PostgreSQL for the store contract suite (eng/test-postgres.sh)"
# A real server from Debian's packages, in a temp folder, on a unix socket only; stopped and removed however the run ends.
if [ -z "${CG_TEST_POSTGRES:-}" ]; then
  pg_dir=$(mktemp -d /tmp/cg-pg.XXXXXX)
  trap 'eng/test-postgres.sh stop "$pg_dir"' EXIT
  if CG_TEST_POSTGRES=$(eng/test-postgres.sh start "$pg_dir"); then
    export CG_TEST_POSTGRES
    echo "PostgreSQL: started in $pg_dir"
  elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL could not be started, and CI runs the store contract suite on it: failing." >&2
    exit 1
  else
    unset CG_TEST_POSTGRES
    echo "PostgreSQL could not be started: the PostgreSQL half of the store contract suite is skipped." >&2
  fi
fi

echo "== test"
log=$(mktemp)
set +e
# A test that hangs fails the run after 10 minutes (naming it) instead of holding CI until its limit.
dotnet test ClassifiedGateway.sln --no-build -c Release --blame-hang-timeout 10m --blame-hang-dump-type none --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line: "N passed, N failed".
passed=$(grep -E '^ +Passed: +[0-9]+$' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
failed=$(grep -E '^ +Failed: +[0-9]+$' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
echo "${passed:-0} passed, ${failed:-0} failed"
rm -f "$log"
exit "$status"
