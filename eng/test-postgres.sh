#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests: Debian's packages (installed when missing), initdb in a temp folder, listening only on
# a unix socket in that folder, durability left at the server's defaults (fsync=on, synchronous_commit=on).
#   eng/test-postgres.sh start DIR   prints the Npgsql connection string (Host=DIR) on stdout
#   eng/test-postgres.sh stop DIR    stops the server and removes DIR
# initdb refuses to run as root, so as root the server runs as the 'postgres' user the Debian package creates.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

close_inherited_fds() {
  local fd
  for fd in $(ls /proc/$$/fd 2>/dev/null); do
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

start() {
  local dir=$1
  if [ -z "$(bin_dir)" ]; then
    echo "== installing Debian's postgresql for the store contract tests" >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin
  bin=$(bin_dir)
  if [ -z "$bin" ]; then
    echo "PostgreSQL binaries not found under /usr/lib/postgresql after installing" >&2
    return 1
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
    chown postgres: "$dir"
  fi
  # The folder must be reachable by the server's user (mktemp makes it 700 for its owner, which is then that user).
  run_pg "$bin/initdb" --pgdata="$dir/data" --auth=trust --username=postgres --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # The server must not inherit our open files: a caller's lock (flock -c ...) would otherwise stay held for the server's life.
  close_inherited_fds
  run_pg "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
    --options="-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  echo "Host=$dir;Username=postgres;Database=postgres"
}

stop() {
  local dir=$1 bin
  bin=$(bin_dir)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    run_pg "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:?folder}" ;;
  stop) stop "${2:?folder}" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
