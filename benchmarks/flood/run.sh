#!/usr/bin/env bash
# Flood test: the load host's token-issuing endpoints (POST /api/sys/users/token/refresh and GET /api/auth/media/customer,
# with the library's defaults, in-memory store) flooded at once for DURATION seconds by wrk, as one customer and as
# 1,000, with the per-customer limit and without it (only the in-memory store's bound left). A probe customer asks for
# one token of each kind every second during the flood. Per scenario it prints the tokens issued and refused, whether
# the probe kept getting tokens, and the host's resident memory: idle, peak (sampled VmRSS and the kernel's VmHWM), and
# COOLDOWN seconds after the flood (the tokens' 60 s lifetime and the store's purge), with the live managed heap then.
# Then, with redis-server on PATH, what a live token costs in Redis (MEMORY USAGE) and in the in-memory store.
#
#   benchmarks/flood/run.sh                                   # 4 scenarios x (60 s + 70 s): ~9 min
#   DURATION=30 COOLDOWN=0 SCENARIOS="one-limited many-limited" benchmarks/flood/run.sh
set -euo pipefail

DURATION=${DURATION:-60}
COOLDOWN=${COOLDOWN:-70}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5191}
SCENARIOS=${SCENARIOS:-"one-limited many-limited one-unlimited many-unlimited"}

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building the load host (Release)..." >&2
dotnet build "$root/benchmarks/Nexudus.MediaAuth.LoadHost" -c Release -v quiet -nologo >&2
host_dll="$root/benchmarks/Nexudus.MediaAuth.LoadHost/bin/Release/net10.0/Nexudus.MediaAuth.LoadHost.dll"
url="http://127.0.0.1:$PORT"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
mb() { echo $(( $1 / 1024 )); }

# Starts the flood host with extra arguments; sets host_pid once it answers.
start_host() {
  if curl -s -o /dev/null "$url/"; then echo "port $PORT is already in use" >&2; exit 1; fi
  dotnet "$host_dll" --mode flood --urls "$url" "$@" >"$work/host.log" 2>&1 &
  host_pid=$!
  pids+=("$host_pid")
  for _ in $(seq 100); do
    if curl -s -o /dev/null "$url/memory"; then return; fi
    sleep 0.1
  done
  echo "the host did not start:" >&2; cat "$work/host.log" >&2; exit 1
}

stop_host() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; }

# Asks for one token of each kind as the probe customer every second; one line per second: "<refresh> <media>".
probe() {
  while :; do
    local refresh media
    refresh=$(curl -s -o /dev/null -w '%{http_code}' -m 2 -X POST -H 'Authorization: Bearer customer-probe' "$url/api/sys/users/token/refresh" || echo 000)
    media=$(curl -s -o /dev/null -w '%{http_code}' -m 2 -H 'Authorization: Bearer customer-probe' "$url/api/auth/media/customer" || echo 000)
    echo "$refresh $media"
    sleep 1
  done
}

sample_rss() { while :; do rss_kb "$1"; sleep 0.2; done; }

flood() { # $1 method $2 path $3 customers $4 output
  METHOD=$1 TARGET_PATH=$2 CUSTOMERS=$3 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s \
    -s "$root/benchmarks/flood/flood.lua" "$url" | grep '^STATUS' >"$4"
}

count() { grep -o " $2=[0-9]*" "$1" | cut -d= -f2 || echo 0; }

results=()
for scenario in $SCENARIOS; do
  case "$scenario" in
    one-limited) customers=1; args=() ;;
    many-limited) customers=1000; args=() ;;
    one-unlimited) customers=1; args=(--no-limit=true) ;;
    many-unlimited) customers=1000; args=(--no-limit=true) ;;
    *) echo "unknown scenario $scenario" >&2; exit 1 ;;
  esac
  echo "Scenario $scenario: $customers customers, ${DURATION}s..." >&2
  start_host "${args[@]}"
  # Warm the endpoints, then let the host settle before taking its idle size.
  for _ in $(seq 20); do
    curl -s -o /dev/null -X POST -H 'Authorization: Bearer customer-warmup' "$url/api/sys/users/token/refresh"
    curl -s -o /dev/null -H 'Authorization: Bearer customer-warmup' "$url/api/auth/media/customer"
  done
  sleep 2
  idle=$(rss_kb "$host_pid")

  sample_rss "$host_pid" >"$work/rss" & sampler=$!; pids+=("$sampler")
  probe >"$work/probe" & prober=$!; pids+=("$prober")
  flood POST /api/sys/users/token/refresh "$customers" "$work/refresh" & refresh_flood=$!
  flood GET /api/auth/media/customer "$customers" "$work/media" & media_flood=$!
  wait "$refresh_flood" "$media_flood"
  kill "$prober" "$sampler"; wait "$prober" "$sampler" 2>/dev/null || true

  peak=$(sort -n "$work/rss" | tail -1)
  hwm=$(hwm_kb "$host_pid")
  probes=$(wc -l <"$work/probe")
  probe_refresh=$(awk '$1 == 200' "$work/probe" | wc -l)
  probe_media=$(awk '$2 == 200' "$work/probe" | wc -l)
  sleep "$COOLDOWN"
  after=$(rss_kb "$host_pid")
  heap=$(curl -s "$url/memory?collect=true")
  stop_host

  results+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s/%s, %s/%s | %s | %s | %s | **%s** | %s | %s |' \
    "$scenario" "$customers" \
    "$(count "$work/refresh" 200)" "$(count "$work/refresh" 429)" "$(count "$work/refresh" 500)" \
    "$(count "$work/media" 200)" "$(count "$work/media" 429)" \
    "$probe_refresh" "$probes" "$probe_media" "$probes" \
    "$(mb "$idle")" "$(mb "$peak")" "$(mb "$hwm")" "$(mb $((hwm - idle)))" "$(mb "$after")" "$((heap / 1048576))")")
  echo "${results[-1]}" >&2
done

echo
echo "| scenario | customers | one-time 200 | one-time 429 | one-time 500 | media 200 | media 429 | probe 200 (one-time, media) | idle RSS MB | peak RSS MB (sampled) | VmHWM MB | peak - idle MB | RSS MB ${COOLDOWN}s later | live managed heap MB then (after a full GC) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${results[@]}"

# What a live token costs: the managed heap of the in-memory store per token, and MEMORY USAGE of a Redis entry.
echo
start_host
echo "In memory: $(curl -s -X POST "$url/ticket-cost?count=20000")"
stop_host
if command -v redis-server >/dev/null; then
  redis_port=$((PORT + 1))
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=("$!")
  sleep 0.5
  start_host --redis "127.0.0.1:$redis_port"
  token=$(curl -s -X POST -H 'Authorization: Bearer customer-1' "$url/api/sys/users/token/refresh" | sed 's/.*"Value":"\([0-9a-f]*\)".*/\1/')
  key="flood:$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
  used_before=$(redis-cli -p "$redis_port" info memory | awk -F: '/^used_memory:/ { print $2 }' | tr -d '\r')
  for i in $(seq 1000); do
    curl -s -o /dev/null -X POST -H "Authorization: Bearer customer-r$i" "$url/api/sys/users/token/refresh"
  done
  used_after=$(redis-cli -p "$redis_port" info memory | awk -F: '/^used_memory:/ { print $2 }' | tr -d '\r')
  echo "In Redis: MEMORY USAGE of one entry $(redis-cli -p "$redis_port" memory usage "$key") bytes (value $(redis-cli -p "$redis_port" strlen "$key") characters); used_memory grew $(( (used_after - used_before) / 1000 )) bytes per token over 1,000 tokens"
  stop_host
fi
