#!/usr/bin/env bash
# Issue + redeem pairs per second through the Redis one-time token store on loopback, beside what redis-benchmark
# gets from the same redis-server with SET and GETDEL at the same concurrency (the physical limit of the round trips).
# Starts its own redis-server (and a replica for the replica-acknowledgement row) on free loopback ports, stops them by
# PID. Prints one Markdown table of medians over ROUNDS rounds, with every round's figure.
#   CONCURRENCY=32 DURATION=10 ROUNDS=3 benchmarks/stores/redis.sh
set -euo pipefail

cd "$(dirname "$0")/../.."

CONCURRENCY="${CONCURRENCY:-32}"
DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-3}"
REQUESTS="${REQUESTS:-500000}"

for tool in redis-server redis-benchmark python3; do
    command -v "$tool" >/dev/null || { echo "$tool is required." >&2; exit 1; }
done

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_redis() { # port dir [args...]
    local port="$1" dir="$2"; shift 2
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --repl-diskless-sync-delay 0 --dir "$dir" "$@" \
        >"$dir/log" 2>&1 &
    pids+=($!)
    until redis-cli -p "$port" PING >/dev/null 2>&1; do sleep 0.05; done
}

primary="$(free_port)"
start_redis "$primary" "$work/primary"
replica="$(free_port)"
start_redis "$replica" "$work/replica" --replicaof 127.0.0.1 "$primary"
until grep -q master_link_status:up <<<"$(redis-cli -p "$replica" INFO replication)"; do sleep 0.05; done

dotnet build -c Release --nologo -v quiet benchmarks/Nexudus.MediaAuth.RedisStoreThroughput >/dev/null
throughput=(dotnet benchmarks/Nexudus.MediaAuth.RedisStoreThroughput/bin/Release/net10.0/Nexudus.MediaAuth.RedisStoreThroughput.dll)

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# SET over a keyspace as large as the requests fills about 63% of it; GETDEL over the same keyspace hits about 40%
# of the time (a miss is slightly cheaper than a hit).
value="$(head -c 560 /dev/zero | tr '\0' p)" # a protected ticket's size
bench() { # command... -> requests/s
    redis-benchmark -p "$primary" -c "$CONCURRENCY" -n "$REQUESTS" -r "$REQUESTS" --csv "$@" | tail -1 | cut -d, -f2 | tr -d '"' | cut -d. -f1
}

declare -A results
rows=(
    "redis-benchmark SET key value PX 60000 NX"
    "redis-benchmark GETDEL key"
    "redis-benchmark SET+GETDEL pair (1 / (1/SET + 1/GETDEL))"
    "store: SET NX + GETDEL"
    "store: SET NX + script (Redis < 6.2)"
    "store: SET NX + GETDEL + WAIT 1 (one local replica)"
    "service: issue + redeem (adds Data Protection), GETDEL"
)
for round in $(seq "$ROUNDS"); do
    echo "round $round of $ROUNDS" >&2
    set_rps="$(bench SET 'key:__rand_int__' "$value" PX 60000 NX)"
    getdel_rps="$(bench GETDEL 'key:__rand_int__')"
    results[0]+="$set_rps "
    results[1]+="$getdel_rps "
    results[2]+="$(( set_rps * getdel_rps / (set_rps + getdel_rps) )) "
    redis-cli -p "$primary" FLUSHALL >/dev/null
    results[3]+="$("${throughput[@]}" "127.0.0.1:$primary" store "$CONCURRENCY" "$DURATION") "
    # A server whose version cannot be read is taken as 6.0: INFO and HELLO disabled, as on some managed services.
    results[4]+="$("${throughput[@]}" "127.0.0.1:$primary,\$INFO=,\$HELLO=,version=6.0" store "$CONCURRENCY" "$DURATION") "
    results[5]+="$("${throughput[@]}" "127.0.0.1:$primary" store "$CONCURRENCY" "$DURATION" 1) "
    results[6]+="$("${throughput[@]}" "127.0.0.1:$primary" service "$CONCURRENCY" "$DURATION") "
done

echo
echo "redis-server $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/'), concurrency $CONCURRENCY, medians of $ROUNDS rounds ($DURATION s each for the store)"
echo
echo "| what | per second (median) | rounds |"
echo "| --- | ---: | --- |"
for i in "${!rows[@]}"; do
    echo "| ${rows[$i]} | $(tr ' ' '\n' <<<"${results[$i]}" | grep . | median) | ${results[$i]% } |"
done
