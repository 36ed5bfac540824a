#!/usr/bin/env bash
# Agent footprint and check throughput (issue 7).
#   1. Starts `pharos-agent start` (backend URL from $PHAROS_BENCH_BACKEND_URL, default a dead port, so the agent
#      idles reconnecting) and samples its RSS (VmRSS) and CPU time (utime+stime from /proc/PID/stat) over
#      $PHAROS_BENCH_IDLE_SECONDS (default 60) seconds.
#   2. Runs `pharos-agent bench`: `check_dummy 0` through the agent's executor vs a raw posix_spawn loop.
# Usage: scripts/bench-agent.sh [BIN_DIR]   (default .build/release if built, else .build/debug)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
    if [ -x .build/release/pharos-agent ]; then bin=.build/release; else bin=.build/debug; fi
fi
idle=${PHAROS_BENCH_IDLE_SECONDS:-60}
backend=${PHAROS_BENCH_BACKEND_URL:-ws://127.0.0.1:9}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin/pharos-agent" start --config-file /dev/null --name bench --cache-dir "$work" --backend-url "$backend" \
    --api-port 0 --socket-port 0 --statsd-metrics-port 0 --log-level error >"$work/agent.log" 2>&1 &
pid=$!
sleep 2
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
start_cpu=$(cpu)
max_rss=0
for _ in $(seq "$idle"); do
    r=$(rss)
    [ "$r" -gt "$max_rss" ] && max_rss=$r
    sleep 1
done
end_cpu=$(cpu)
awk -v c=$((end_cpu - start_cpu)) -v t="$ticks" -v s="$idle" -v r="$max_rss" 'BEGIN {
    printf "idle over %d s: max RSS %.1f MB, CPU %.3f %%\n", s, r / 1024, 100 * c / t / s }'
kill "$pid"
wait "$pid" 2>/dev/null || true

echo "check throughput (bin: $bin):"
"$bin/pharos-agent" bench --seconds "${PHAROS_BENCH_SECONDS:-5}"
