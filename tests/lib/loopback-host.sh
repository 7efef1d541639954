# Helpers for scripts that start a host on a free loopback port and check it over HTTP with curl.
# Source it; the caller runs with `set -euo pipefail`.

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# start_host LOG COMMAND...: starts COMMAND with Kestrel on 127.0.0.1:0 (the OS picks a free port), waits for its
# "Now listening on" line, and sets HOST_PID and BASE_URL. The caller stops it with stop_host (trap it on EXIT).
start_host() {
  local log=$1
  shift
  ASPNETCORE_URLS=http://127.0.0.1:0 "$@" >"$log" 2>&1 &
  HOST_PID=$!
  BASE_URL=
  for _ in $(seq 1 300); do
    BASE_URL=$(grep -o -m1 'Now listening on: http://127\.0\.0\.1:[0-9]*' "$log" | sed 's/^Now listening on: //' || true)
    if [ -n "$BASE_URL" ]; then
      echo "host $HOST_PID listening on $BASE_URL"
      return 0
    fi
    if ! kill -0 "$HOST_PID" 2>/dev/null; then
      cat "$log" >&2
      fail "the host exited before it listened"
    fi
    sleep 0.1
  done
  cat "$log" >&2
  fail "the host did not listen within 30 s"
}

# stop_process PID: ends a process this script started, by its id, and waits for it.
stop_process() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1"
    wait "$1" 2>/dev/null || true
  fi
}

stop_host() {
  stop_process "${HOST_PID:-}"
  HOST_PID=
}

# expect WHAT ACTUAL EXPECTED
expect() {
  if [ "$2" != "$3" ]; then
    fail "$1: expected '$3', got '$2'"
  fi
  echo "ok: $1"
}

# expect_match WHAT TEXT REGEX
expect_match() {
  # A here-string, not a pipe: grep -q exits at the first match, and under pipefail the writer's SIGPIPE would turn a
  # match into a failure whenever grep wins that race.
  if ! grep -Eq -- "$3" <<<"$2"; then
    fail "$1: '$2' does not match /$3/"
  fi
  echo "ok: $1"
}

# status METHOD PATH [CURL ARGS...]: prints the response status code only.
status() {
  local method=$1 path=$2
  shift 2
  curl -s -o /dev/null -w '%{http_code}' -X "$method" "$@" "$BASE_URL$path"
}

# free_loopback_port: a port the OS reports free on 127.0.0.1, for a server that cannot bind port 0 and report it.
free_loopback_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_redis DIR: starts a throw-away redis-server (no persistence, files in DIR) on a free loopback port and sets
# REDIS_PID and REDIS_PORT; the caller stops it with stop_redis. Returns 1, starting nothing, when redis-server is not
# installed and CI is not true; under CI=true a missing redis-server fails.
start_redis() {
  if ! command -v redis-server >/dev/null; then
    [ "${CI:-}" != true ] || fail "redis-server is required under CI=true (apt-get install redis-server)"
    echo "SKIPPED: the Redis store run: redis-server is not installed (apt-get install redis-server)"
    return 1
  fi
  REDIS_PORT=$(free_loopback_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$1" >"$1/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do
    [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  cat "$1/redis.log" >&2
  fail "redis-server did not answer on port $REDIS_PORT"
}

stop_redis() {
  stop_process "${REDIS_PID:-}"
  REDIS_PID=
}

# postgres_bin: the folder of initdb and pg_ctl: POSTGRES_BIN, the initdb on PATH, or Debian's
# /usr/lib/postgresql/{version}/bin (the highest version); empty when none.
postgres_bin() {
  if [ -n "${POSTGRES_BIN:-}" ]; then
    [ -x "$POSTGRES_BIN/initdb" ] && echo "$POSTGRES_BIN"
    return 0
  fi
  if command -v initdb >/dev/null; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# as_postgres COMMAND...: PostgreSQL refuses to run as root; as root, runs COMMAND as nobody.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# start_postgres DIR: makes a throw-away cluster in DIR (initdb), starts it on a free loopback port (its socket in DIR,
# no fsync) with a database named mediaauth, and sets POSTGRES_PORT; the caller stops it with stop_postgres. Returns 1,
# starting nothing, when PostgreSQL is not installed and CI is not true; under CI=true a missing PostgreSQL fails.
start_postgres() {
  local bin
  bin=$(postgres_bin)
  if [ -z "$bin" ]; then
    [ "${CI:-}" != true ] || fail "PostgreSQL is required under CI=true (apt-get install postgresql)"
    echo "SKIPPED: PostgreSQL is not installed (apt-get install postgresql)"
    return 1
  fi
  POSTGRES_DIR=$1
  POSTGRES_BIN_DIR=$bin
  chmod 777 "$POSTGRES_DIR"
  as_postgres "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$POSTGRES_DIR/initdb.log"
  POSTGRES_PORT=$(free_loopback_port)
  as_postgres "$bin/pg_ctl" start -D "$POSTGRES_DIR/data" -w -l "$POSTGRES_DIR/server.log" \
    -o "-p $POSTGRES_PORT -h 127.0.0.1 -k $POSTGRES_DIR -F -c max_connections=300" >/dev/null
  psql -q -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -c 'CREATE DATABASE mediaauth'
}

# stop_postgres: pg_ctl stop, which signals the PID in the cluster's postmaster.pid.
stop_postgres() {
  if [ -n "${POSTGRES_DIR:-}" ] && [ -f "$POSTGRES_DIR/data/postmaster.pid" ]; then
    as_postgres "$POSTGRES_BIN_DIR/pg_ctl" stop -D "$POSTGRES_DIR/data" -m fast -w >/dev/null
  fi
  POSTGRES_DIR=
}
