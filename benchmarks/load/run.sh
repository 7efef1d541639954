#!/usr/bin/env bash
# Load test: the same 16 KiB file endpoint with no authentication, with the JwtBearer peer (?t= read in
# OnMessageReceived, 5-minute JWT with the usual claims) and with MediaToken, per algorithm, with a fresh token on
# every request and with one repeated token. Prints one table of medians over ROUNDS rounds, with each mode's ratio
# to no-auth and to the peer of the same algorithm, all measured in this run.
#
#   benchmarks/load/run.sh                      # 3 rounds x 11 modes x (30 s warm-up + 10 s), about 24 minutes
#   ROUNDS=5 DURATION=15 benchmarks/load/run.sh
#
# The host and wrk share the machine: by default the host is pinned to CPU 1 and wrk to CPU 0 (HOST_CPUS, WRK_CPUS;
# PIN=0 lets the scheduler place both), so the client never takes the server's core.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
# A host started cold needs 20-30 s of full load on its one core before tiered compilation and dynamic PGO have
# compiled the request path for good: measured earlier, every mode runs at a half to two thirds of its steady rate,
# and the modes with more code to compile lose the most.
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
FRESH_TOKENS=${FRESH_TOKENS:-2048}
# Smaller than FRESH_TOKENS so that a "fresh" token is never found in the cache: each one is a miss.
CACHE_SIZE=${CACHE_SIZE:-512}
PORT=${PORT:-5181}
PIN=${PIN:-1}
HOST_CPUS=${HOST_CPUS:-1}
WRK_CPUS=${WRK_CPUS:-0}

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
host_pid=
cleanup() {
  if [[ -n "$host_pid" ]] && kill -0 "$host_pid" 2>/dev/null; then kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Prints the command to run on the given CPUs (taskset execs it, so the PID started is the program's own).
pinned() { if [[ "$PIN" == 1 ]]; then echo taskset -c "$1"; fi; }

echo "Building the load host (Release)..." >&2
dotnet build "$root/benchmarks/Nexudus.MediaAuth.LoadHost" -c Release -v quiet -nologo >&2
host_dll="$root/benchmarks/Nexudus.MediaAuth.LoadHost/bin/Release/net10.0/Nexudus.MediaAuth.LoadHost.dll"

# mode algorithm token-kind
modes=(
  "noauth - fresh"
  "floor - fresh"
  "peer HS256 fresh"   "mediatoken HS256 fresh" "mediatoken HS256 repeated"
  "peer RS256 fresh"   "mediatoken RS256 fresh" "mediatoken RS256 repeated"
  "peer ES256 fresh"   "mediatoken ES256 fresh" "mediatoken ES256 repeated"
)

run_mode() {
  local mode=$1 alg=$2 kind=$3 round=$4
  local tokens=$([[ "$kind" == fresh ]] && echo "$FRESH_TOKENS" || echo 1)
  local token_file="$work/tokens" url="http://127.0.0.1:$PORT/files/report.pdf"
  rm -f "$token_file"
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is already in use" >&2; exit 1; fi
  $(pinned "$HOST_CPUS") dotnet "$host_dll" --mode "$mode" --alg "$([[ "$alg" == - ]] && echo HS256 || echo "$alg")" \
    --tokens "$tokens" --token-file "$token_file" --urls "http://127.0.0.1:$PORT" \
    --Authentication:Schemes:MediaToken:ValidationCacheSize="$CACHE_SIZE" >"$work/host.log" 2>&1 &
  host_pid=$!

  local ready=
  for _ in $(seq 1 600); do
    if [[ -s "$token_file" ]] && curl -sf -o /dev/null "$url?t=$(head -n1 "$token_file")"; then ready=1; break; fi
    kill -0 "$host_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z "$ready" ]]; then echo "host for '$mode $alg $kind' did not serve an authenticated 200:" >&2; cat "$work/host.log" >&2; exit 1; fi

  TOKEN_FILE="$token_file" $(pinned "$WRK_CPUS") wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$root/benchmarks/load/tokens.lua" "$url" >/dev/null
  local result
  result=$(TOKEN_FILE="$token_file" $(pinned "$WRK_CPUS") wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$root/benchmarks/load/tokens.lua" "$url" | grep '^RESULT')
  if ! kill "$host_pid"; then echo "the host for '$mode $alg $kind' stopped during the run:" >&2; cat "$work/host.log" >&2; exit 1; fi
  wait "$host_pid" 2>/dev/null || true; host_pid=

  read -r _ rps p50 p99 non2xx errors <<<"$result"
  if [[ "$non2xx" != 0 || "$errors" != 0 ]]; then echo "'$mode $alg $kind': $non2xx non-2xx responses, $errors socket errors" >&2; exit 1; fi
  echo "$round $mode $alg $kind $rps $p50 $p99" >>"$work/results"
  printf 'round %s  %-10s %-5s %-8s %10.0f req/s  p50 %6.0f us  p99 %6.0f us\n' "$round" "$mode" "$alg" "$kind" "$rps" "$p50" "$p99" >&2
}

for round in $(seq 1 "$ROUNDS"); do
  for entry in "${modes[@]}"; do
    # shellcheck disable=SC2086
    run_mode $entry "$round"
  done
done

echo
echo "$(date -u +%F), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); ROUNDS=$ROUNDS DURATION=${DURATION}s CONNECTIONS=$CONNECTIONS PIN=$PIN (host CPU $HOST_CPUS, wrk CPU $WRK_CPUS); medians"
awk '
  function median(list,   n, values, i, j, t) {
    n = split(list, values, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (values[j] + 0 < values[i] + 0) { t = values[i]; values[i] = values[j]; values[j] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  { key = $2 " " $3 " " $4; if (!(key in rps)) order[++count] = key; rps[key] = rps[key] " " $5; p50[key] = p50[key] " " $6; p99[key] = p99[key] " " $7 }
  END {
    for (i = 1; i <= count; i++) { key = order[i]; m[key] = median(rps[key]) }
    baseline = m["noauth - fresh"]
    printf "| %-10s | %-5s | %-8s | %10s | %8s | %8s | %9s | %7s |\n", "mode", "alg", "token", "req/s", "p50 us", "p99 us", "x no-auth", "x peer"
    printf "|------------|-------|----------|-----------:|---------:|---------:|----------:|--------:|\n"
    for (i = 1; i <= count; i++) {
      key = order[i]; split(key, parts, " ")
      peer = m["peer " parts[2] " fresh"]
      printf "| %-10s | %-5s | %-8s | %10.0f | %8.0f | %8.0f | %9.2f | %7s |\n", parts[1], parts[2], parts[3], m[key], median(p50[key]), median(p99[key]), m[key] / baseline, (parts[1] == "noauth" || parts[1] == "floor" || peer == "") ? "" : sprintf("%.2f", m[key] / peer)
    }
  }' "$work/results"
