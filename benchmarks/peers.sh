#!/usr/bin/env bash
# Herald against its peers, on this machine, in one run, all against the same loopback receiver:
#   wrk        the ceiling: a native load generator (wrk -t1 -c64 -d5s -s post.lua)
#   seed       the seed plugin's own Python code (run_seed.py), HMAC-signed
#   herald     Herald's LoadDriver: the dispatcher and the reactor-netty transport, HMAC-signed
#   jdk        the LoadDriver's baseline: a hand-written java.net.http sender, same bodies, same HMAC
#   reactor    the LoadDriver's other baseline: a bare reactor-netty HttpClient, the ceiling of Herald's HTTP
#              library on this machine, same bodies, same HMAC
# Every sender keeps 64 requests in flight (wrk's 64 connections; the seed's 32 hook calls x 2 webhooks; the
# driver's --concurrency 64). Prints each rate and the ratios Herald/wrk, Herald/seed, Herald/JDK, and stops the
# receiver it started. A tool for humans: CI never runs it (CI needs no nginx).
#
# Needs nginx (nginx-light), wrk, curl, java 17, and a python3 with orjson and pydantic (run_seed.py adds the
# Debian site-packages for httpx). HERALD_PEERS names the folder holding the peers (receiver/ and seed/): the
# team's shared peers folder, which is not part of this repository.
#
# Herald is timed after a separate warm-up batch of WARMUP events (default 100000, i.e. 200000 deliveries, a few
# seconds): the JIT keeps compiling reactor-netty's and Herald's paths for about ten seconds of load, and a short
# warm-up measures the compiler as much as Herald (about 18,000/s instead of 45,000/s on a 2-core machine). The
# JDK baseline is bound by its client, not by the JIT, and gets a shorter one.
#
# Knobs (environment): EVENTS (Herald's timed events, default 200000), WARMUP (Herald's warm-up events, default
# 100000), JDK_EVENTS (default 10000), JDK_WARMUP (default 5000), SEED_EVENTS (hook calls, default 1000),
# SEED_CONCURRENCY (default 32), ENDPOINTS (webhooks per event, default 2), CONCURRENCY (deliveries in flight,
# default 64), WRK_DURATION (default 5s), PYTHON (default python3), JAVA (default java), JAVA_OPTS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="${HERALD_PEERS:-}"
if [[ -z "$PEERS" || ! -d "$PEERS/receiver" || ! -d "$PEERS/seed" ]]; then
    echo "peers.sh: no peers at '$PEERS' (expected receiver/ and seed/); set HERALD_PEERS" >&2
    exit 2
fi
PEERS="$(cd "$PEERS" && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
URL="http://127.0.0.1:18080/hook"
STATUS="http://127.0.0.1:18080/status"

EVENTS="${EVENTS:-200000}"
WARMUP="${WARMUP:-100000}"
JDK_EVENTS="${JDK_EVENTS:-10000}"
JDK_WARMUP="${JDK_WARMUP:-5000}"
SEED_EVENTS="${SEED_EVENTS:-1000}"
SEED_CONCURRENCY="${SEED_CONCURRENCY:-32}"
ENDPOINTS="${ENDPOINTS:-2}"
CONCURRENCY="${CONCURRENCY:-64}"
WRK_DURATION="${WRK_DURATION:-5s}"
PYTHON="${PYTHON:-python3}"
JAVA="${JAVA:-java}"
read -r -a JAVA_ARGS <<< "${JAVA_OPTS:-}"

for tool in nginx wrk curl "$PYTHON" "$JAVA"; do
    command -v "$tool" > /dev/null || { echo "peers.sh: '$tool' is not installed" >&2; exit 2; }
done

if [[ ! -f "$JAR" ]]; then
    echo "== building $JAR"
    (cd "$ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi

started_nginx=0
stop_receiver() {
    if [[ "$started_nginx" == 1 ]]; then
        nginx -p "$PEERS/receiver" -c nginx.conf -s quit 2> /dev/null || true
        started_nginx=0
    fi
}
trap stop_receiver EXIT

if curl -s -m 2 "$STATUS" | grep -q 'Active connections'; then
    # Someone else's receiver: use it, and leave it running.
    echo "== using the receiver already on 127.0.0.1:18080"
else
    echo "== starting the receiver: nginx -p $PEERS/receiver -c nginx.conf"
    nginx -p "$PEERS/receiver" -c nginx.conf
    started_nginx=1
    for _ in $(seq 50); do
        curl -s -m 1 "$STATUS" | grep -q 'Active connections' && break
        sleep 0.1
    done
    curl -s -m 1 "$STATUS" | grep -q 'Active connections' || { echo "peers.sh: the receiver did not start" >&2; exit 1; }
fi

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The value of key=<number> on the last line of a run's output.
last_value() {
    tail -n 1 | tr ' ' '\n' | sed -n "s/^$1=//p"
}

echo "== wrk -t1 -c64 -d$WRK_DURATION -s post.lua $URL"
wrk_out="$(cd "$PEERS/receiver" && wrk -t1 -c64 -d"$WRK_DURATION" -s post.lua "$URL")"
echo "$wrk_out"
wrk_rate="$(echo "$wrk_out" | awk '/^Requests\/sec:/ {printf "%.0f", $2}')"

echo "== seed: $PYTHON run_seed.py $URL $SEED_EVENTS $SEED_CONCURRENCY $ENDPOINTS"
seed_out="$(cd "$PEERS/seed" && "$PYTHON" run_seed.py "$URL" "$SEED_EVENTS" "$SEED_CONCURRENCY" "$ENDPOINTS")"
echo "$seed_out"
seed_rate="$(echo "$seed_out" | last_value per_second)"

driver() {
    "$JAVA" "${JAVA_ARGS[@]}" -cp "$JAR" dev.herald.benchmarks.LoadDriver --url "$URL" --endpoints "$ENDPOINTS" \
        --signing hmac --concurrency "$CONCURRENCY" "$@"
}

echo "== herald: LoadDriver --events $EVENTS --endpoints $ENDPOINTS --signing hmac --concurrency $CONCURRENCY --warmup $WARMUP"
herald_out="$(driver --events "$EVENTS" --warmup "$WARMUP")" || { echo "$herald_out"; echo "peers.sh: Herald's run failed" >&2; exit 1; }
echo "$herald_out"
herald_rate="$(echo "$herald_out" | last_value per_second)"

echo "== jdk: LoadDriver --events $JDK_EVENTS --endpoints $ENDPOINTS --signing hmac --concurrency $CONCURRENCY --warmup $JDK_WARMUP --baseline jdk"
jdk_out="$(driver --events "$JDK_EVENTS" --warmup "$JDK_WARMUP" --baseline jdk)" || { echo "$jdk_out"; echo "peers.sh: the JDK baseline failed" >&2; exit 1; }
echo "$jdk_out"
jdk_rate="$(echo "$jdk_out" | last_value per_second)"

echo "== reactor-netty: LoadDriver --events $EVENTS --endpoints $ENDPOINTS --signing hmac --concurrency $CONCURRENCY --warmup $WARMUP --baseline reactor-netty"
reactor_out="$(driver --events "$EVENTS" --warmup "$WARMUP" --baseline reactor-netty)" || { echo "$reactor_out"; echo "peers.sh: the reactor-netty baseline failed" >&2; exit 1; }
echo "$reactor_out"
reactor_rate="$(echo "$reactor_out" | last_value per_second)"

stop_receiver

echo
echo "== deliveries (requests) per second, 2xx only"
printf '%-34s %10s\n' "wrk -t1 -c64 (ceiling)" "$wrk_rate" "seed (python, hmac)" "$seed_rate" \
    "herald (hmac)" "$herald_rate" "jdk HttpClient baseline (hmac)" "$jdk_rate" \
    "bare reactor-netty baseline (hmac)" "$reactor_rate"
awk -v h="$herald_rate" -v w="$wrk_rate" -v s="$seed_rate" -v j="$jdk_rate" -v r="$reactor_rate" 'BEGIN {
    printf "%-34s %10.2f   target >= 0.5  %s\n", "herald/wrk", h / w, (h / w >= 0.5 ? "met" : "MISSED")
    printf "%-34s %10.1f   target >= 50   %s\n", "herald/seed", h / s, (h / s >= 50 ? "met" : "MISSED")
    printf "%-34s %10.1f   target >= 2    %s\n", "herald/jdk", h / j, (h / j >= 2 ? "met" : "MISSED")
    printf "%-34s %10.2f   (bare reactor-netty/wrk: %.2f)\n", "herald/bare reactor-netty", h / r, r / w
}'
