#!/usr/bin/env bash
# Benchmark (not a test): serves the release build with the demo world plus a scale set
# (default 10,000 customers and 1,000,000 invoices) and measures the signed-in dashboard with
# wrk at 1 and 32 connections, on SQLite and - when reachable - PostgreSQL.
#   scripts/bench.sh [CUSTOMERS INVOICES]
# Results go to bench/results/<date>.md and to the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-10000}
invoices=${2:-1000000}
duration=${BENCH_DURATION:-20s}
addr=127.0.0.1:3400

scripts/setup.sh --bench
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"
cargo leptos build --release

mkdir -p bench/results
out="bench/results/$(date +%Y-%m-%d).md"
{
  echo "# Dashboard benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB. Data: demo world + $customers customers, $invoices invoices (every tenth on the demo company)."
  echo "Request: GET / signed in as demo@portico.test (full server-side render of the dashboard)."
  echo
  echo "| database | connections | requests/s | p50 | p99 |"
  echo "|---|---|---|---|---|"
} >"$out"

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
trap stop_server EXIT

bench_backend() {
  local name=$1 url=$2
  echo "== $name: loading data"
  local t0=$(date +%s)
  DATABASE_URL="$url" target/release/portico seed-demo --scale "$customers" "$invoices"
  echo "   seeded in $(( $(date +%s) - t0 ))s"
  DATABASE_URL="$url" PORTICO_LISTEN="$addr" RUST_LOG=warn target/release/portico serve &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fs "http://$addr/healthz" >/dev/null && break; sleep 0.2; done
  local cookie
  cookie=$(curl -s -o /dev/null -D - -X POST "http://$addr/api/login" \
    -H 'Sec-Fetch-Site: same-origin' -H 'Accept: text/html' \
    --data 'email=demo%40portico.test&password=portico-demo' |
    grep -iE '^set-cookie: (__Host-)?portico_session=' | sed -E 's/^[^:]+: ([^;]+).*/\1/')
  [ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
  curl -fs -H "Cookie: $cookie" "http://$addr/" | grep -q 'unpaid-proformas' || { echo "dashboard not rendered"; exit 1; }
  for conns in 1 32; do
    local threads=$(( conns < 2 ? 1 : 2 ))
    local report
    report=$(wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "Cookie: $cookie" "http://$addr/")
    echo "$report"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$report")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
    echo "| $name | $conns | $rps | $p50 | $p99 |" >>"$out"
  done
  stop_server
}

bench_backend sqlite "sqlite://target/bench.db?mode=rwc"

pg_admin="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if command -v psql >/dev/null && psql "$pg_admin" -qc 'SELECT 1' >/dev/null 2>&1; then
  psql "$pg_admin" -qc 'DROP DATABASE IF EXISTS portico_bench' -c 'CREATE DATABASE portico_bench' >/dev/null
  bench_backend postgresql "${pg_admin%/*}/portico_bench"
else
  echo "| postgresql | - | not reachable | | |" >>"$out"
fi

wasm=$(ls target/site/pkg/*.wasm | head -1)
{
  echo
  echo "Release wasm: $(stat -c %s "$wasm") bytes, $(gzip -9c "$wasm" | wc -c) bytes gzipped (budget: 600 KB gzipped)."
} >>"$out"
echo; cat "$out"
