#!/usr/bin/env bash
# Load test: the same 16 KiB file endpoint with no authentication, behind a scheme that accepts every request (the
# floor of ASP.NET Core's authentication and authorization), with the JwtBearer peer (?t= read in OnMessageReceived,
# 5-minute JWT with the usual claims) and with MediaToken, per algorithm: with a fresh token on every request, with one
# repeated token, and with one token per connection (as many distinct tokens as connections, each sent again and
# again); and "continuation": one host with continuation allowed, measured with "continued" requests for a file opened
# earlier, carrying its long-expired token and the continuation cookie its first response set, and with "fresh" tokens
# for the same file at an endpoint without continuation, so the two kinds of request are compared in one process.
# Prints one table of medians over ROUNDS rounds, with each mode's ratio to no-auth and to the peer of the same
# algorithm, and the host's CPU time per request, all measured in this run.
#
#   benchmarks/load/run.sh                      # 15 hosts warmed 30 s each, then 5 rounds x 16 modes x 10 s: ~22 min
#   ROUNDS=7 DURATION=15 benchmarks/load/run.sh
#
# Every host is started and warmed once, then the rounds measure the modes in turn, so that a noisy neighbour
# disturbs them all alike. The host and wrk share the machine: by default the hosts are pinned to CPU 1 and wrk to
# CPU 0 (HOST_CPUS, WRK_CPUS; PIN=0 lets the scheduler place them), so the client never takes the server's core.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
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
# host_pids[h]: the PID of host h; host_of[i]: the host mode i is measured on (the continuation modes share one).
host_pids=()
declare -A host_of
cleanup() {
  for pid in "${host_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
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
  "peer HS256 fresh"   "mediatoken HS256 fresh" "mediatoken HS256 per-conn" "mediatoken HS256 repeated"
  "peer RS256 fresh"   "mediatoken RS256 fresh" "mediatoken RS256 per-conn" "mediatoken RS256 repeated"
  "peer ES256 fresh"   "mediatoken ES256 fresh" "mediatoken ES256 per-conn" "mediatoken ES256 repeated"
  "continuation HS256 continued" "continuation HS256 fresh"
)
# MODES="mediatoken HS256 fresh|continuation HS256 continued|continuation HS256 fresh" measures those only.
if [[ -n "${MODES:-}" ]]; then IFS='|' read -r -a modes <<<"$MODES"; fi

# Whether mode $1 is the continuation host's fresh kind: its tokens come from /tokens?fresh=true and go to a path of the
# same length without continuation, so that the two kinds of request differ only by the cookie.
is_fresh_beside_continuation() { [[ "${modes[$1]}" == "continuation "*" fresh" ]]; }

# The URL mode $1 requests.
url_of() {
  local path=/files/report.pdf
  if is_fresh_beside_continuation "$1"; then path=/fresh/report.pdf; fi
  echo "http://127.0.0.1:$((PORT + host_of[$1]))$path"
}

# Runs wrk for mode $1 for $2 seconds with its tokens and prints its RESULT line.
load() {
  TOKEN_FILE="$work/tokens-$1" $(pinned "$WRK_CPUS") wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" \
    -s "$root/benchmarks/load/tokens.lua" "$(url_of "$1")" | grep '^RESULT'
}

# Tokens are fetched before every measurement: 5-minute tokens would expire in a host kept for all the rounds. (The
# continuation host's opened tokens are expired on purpose; it opens them once and hands out the same set.)
fetch_tokens() {
  local query=
  if is_fresh_beside_continuation "$1"; then query='?fresh=true'; fi
  curl -sf -o "$work/tokens-$1" "http://127.0.0.1:$((PORT + host_of[$1]))/tokens$query"
}

# The host's user and system CPU time so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Starts (or, for the second continuation mode of an algorithm, reuses) the host of mode $1 and waits until it serves
# the mode's tokens.
start_host() {
  local index=$1 mode=$2 alg=$3 kind=$4
  local tokens host=$index other
  if [[ "$mode" == continuation ]]; then
    for other in "${!host_of[@]}"; do
      if [[ "${modes[other]}" == "continuation $alg "* ]]; then host=${host_of[$other]}; fi
    done
  fi
  host_of[$index]=$host
  if [[ -z "${host_pids[host]:-}" ]]; then
    case "$kind" in fresh | continued) tokens=$FRESH_TOKENS ;; per-conn) tokens=$CONNECTIONS ;; *) tokens=1 ;; esac
    local port=$((PORT + host))
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
    $(pinned "$HOST_CPUS") dotnet "$host_dll" --mode "$mode" --alg "$([[ "$alg" == - ]] && echo HS256 || echo "$alg")" \
      --tokens "$tokens" --urls "http://127.0.0.1:$port" \
      --Authentication:Schemes:MediaToken:ValidationCacheSize="$CACHE_SIZE" >"$work/host-$host.log" 2>&1 &
    host_pids[host]=$!
  fi

  for _ in $(seq 1 600); do
    if fetch_tokens "$index" 2>/dev/null && curl -sf -o /dev/null "$(url_of "$index")?t=$(head -n1 "$work/tokens-$index" | cut -f1)" -H "Cookie: $(head -n1 "$work/tokens-$index" | cut -s -f2)"; then
      return
    fi
    kill -0 "${host_pids[host]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "host for '$mode $alg $kind' did not serve an authenticated 200:" >&2; cat "$work/host-$host.log" >&2; exit 1
}

measure() {
  local index=$1 mode=$2 alg=$3 kind=$4 round=$5 result before after
  local pid=${host_pids[host_of[$index]]}
  if ! kill -0 "$pid" 2>/dev/null; then echo "the host for '$mode $alg $kind' stopped:" >&2; cat "$work/host-${host_of[$index]}.log" >&2; exit 1; fi
  fetch_tokens "$index"
  before=$(cpu_ticks "$pid")
  result=$(load "$index" "$DURATION")
  after=$(cpu_ticks "$pid")
  read -r _ rps p50 p99 non2xx errors requests <<<"$result"
  if [[ "$non2xx" != 0 || "$errors" != 0 ]]; then echo "'$mode $alg $kind': $non2xx non-2xx responses, $errors socket errors" >&2; exit 1; fi
  # The host's CPU time per request: while the host keeps its core busy it is about the inverse of the throughput, and
  # it tells where it is not.
  local cpu
  cpu=$(awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="${requests:-0}" 'BEGIN { if (n > 0) printf "%.1f", ticks / hz * 1e6 / n; else printf "nan" }')
  echo "$round $mode $alg $kind $rps $p50 $p99 $cpu" >>"$work/results"
  printf 'round %s  %-12s %-5s %-9s %10.0f req/s  p50 %6.0f us  p99 %6.0f us  host CPU %5.1f us/request\n' "$round" "$mode" "$alg" "$kind" "$rps" "$p50" "$p99" "$cpu" >&2
}

for index in "${!modes[@]}"; do
  # shellcheck disable=SC2086
  start_host "$index" ${modes[index]}
done

# Warms each host for WARMUP seconds. The continuation host gets both its modes at once, one wrk each, so that the code
# both kinds of request run is compiled (tiered compilation, dynamic PGO) while both are arriving, not from whichever
# came first.
for host in "${!host_pids[@]}"; do
  warming=()
  for index in "${!modes[@]}"; do
    if ((host_of[$index] == host)); then
      echo "warming '${modes[index]}' for ${WARMUP}s" >&2
      fetch_tokens "$index"
      load "$index" "$WARMUP" >/dev/null &
      warming+=($!)
    fi
  done
  wait "${warming[@]}"
done

# Odd rounds measure the modes in the listed order, even rounds in reverse, so that no mode always follows the same
# neighbour or holds the same place in a round (a drifting machine would otherwise favour one position).
for round in $(seq 1 "$ROUNDS"); do
  order=("${!modes[@]}")
  if ((round % 2 == 0)); then mapfile -t order < <(printf '%s\n' "${order[@]}" | tac); fi
  for index in "${order[@]}"; do
    # shellcheck disable=SC2086
    measure "$index" ${modes[index]} "$round"
  done
done

echo
echo "$(date -u +%F), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); WARMUP=${WARMUP}s ROUNDS=$ROUNDS DURATION=${DURATION}s CONNECTIONS=$CONNECTIONS PIN=$PIN (host CPU $HOST_CPUS, wrk CPU $WRK_CPUS); medians"
awk '
  function median(list,   n, values, i, j, t) {
    n = split(list, values, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (values[j] + 0 < values[i] + 0) { t = values[i]; values[i] = values[j]; values[j] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  # Mode a over mode b, round by round (the two ran seconds apart, so their ratio is steadier than the ratio of medians
  # taken across the whole run), for the throughput and for the host CPU time per request.
  function per_round(a, b, label,   n, i, x, y, u, v, ratios, cpus) {
    n = split(rps[a], x, " "); split(rps[b], y, " "); split(cpu[a], u, " "); split(cpu[b], v, " "); ratios = ""; cpus = ""
    for (i = 1; i <= n; i++) {
      ratios = ratios " " ((y[i] + 0) > 0 ? sprintf("%.3f", x[i] / y[i]) : "nan")
      cpus = cpus " " ((v[i] + 0) > 0 ? sprintf("%.3f", u[i] / v[i]) : "nan")
    }
    printf "%s, per round: throughput%s, median %.3f; host CPU per request%s, median %.3f\n", label, ratios, median(ratios), cpus, median(cpus)
  }
  { key = $2 " " $3 " " $4; if (!(key in rps)) order[++count] = key; rps[key] = rps[key] " " $5; p50[key] = p50[key] " " $6; p99[key] = p99[key] " " $7; cpu[key] = cpu[key] " " $8 }
  END {
    for (i = 1; i <= count; i++) { key = order[i]; m[key] = median(rps[key]) }
    baseline = m["noauth - fresh"]
    printf "| %-12s | %-5s | %-9s | %10s | %8s | %8s | %9s | %7s | %13s |\n", "mode", "alg", "token", "req/s", "p50 us", "p99 us", "x no-auth", "x peer", "host CPU us/r"
    printf "|--------------|-------|-----------|-----------:|---------:|---------:|----------:|--------:|--------------:|\n"
    for (i = 1; i <= count; i++) {
      key = order[i]; split(key, parts, " ")
      peer = m["peer " parts[2] " fresh"]
      printf "| %-12s | %-5s | %-9s | %10.0f | %8.0f | %8.0f | %9s | %7s | %13.1f |\n", parts[1], parts[2], parts[3], m[key], median(p50[key]), median(p99[key]), baseline == "" ? "" : sprintf("%.2f", m[key] / baseline), (parts[1] == "noauth" || parts[1] == "floor" || peer == "") ? "" : sprintf("%.2f", m[key] / peer), median(cpu[key])
    }
    # Issue 14: a continued request against a fresh one, in the same host and against the mediatoken host.
    for (i = 1; i <= count; i++) {
      key = order[i]; split(key, parts, " ")
      if (parts[1] != "continuation" || parts[3] != "continued") continue
      if (("continuation " parts[2] " fresh") in rps) per_round(key, "continuation " parts[2] " fresh", "continued " parts[2] " over fresh in the same host")
      if (("mediatoken " parts[2] " fresh") in rps) per_round(key, "mediatoken " parts[2] " fresh", "continued " parts[2] " over the mediatoken host fresh")
    }
  }' "$work/results"
