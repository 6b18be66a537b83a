#!/usr/bin/env bash
# Benchmark (not a test). Serves the release build with the demo world plus a scale set
# (default 10,000 customers and 1,000,000 invoices) and measures with wrk, in one run:
#   1. nginx serving the dashboard's HTML as a static file: the ceiling for this machine;
#   2. Portico's signed-in dashboard, services, orders and invoices lists, one invoice as a PDF,
#      the signed-out sign-in page and a static file, on SQLite and - when reachable - PostgreSQL, each with its
#      ratio to nginx;
#   3. on SQLite, a phone-like browser (Chromium, 4x CPU throttling): first contentful paint
#      and the time until the first button works, for the dashboard and a server page;
#   4. the wasm a browser downloads, against the budgets;
#   5. the e-mail sender: 100 receipts, each with its PDF, to a local MailDev (release build).
#   scripts/bench.sh [CUSTOMERS INVOICES]      BENCH_DURATION=10s to change the run length
# Results go to bench/results/<date>.md and to the terminal. wrk shares the cores with the
# server: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-10000}
invoices=${2:-1000000}
duration=${BENCH_DURATION:-10s}
addr=127.0.0.1:3400
nginx_addr=127.0.0.1:3401
# The budgets (issue 8): the first load of any page, and what a page reached by navigation
# may add, in gzipped bytes of wasm.
first_load_budget=$((250 * 1024))
navigation_budget=$((60 * 1024))

scripts/setup.sh --bench
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"
cargo leptos build --release --precompress --bin-features demo

mkdir -p bench/results
out="bench/results/$(date +%Y-%m-%d).md"
work=$(mktemp -d /tmp/portico-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
nginx_pid=""
stop_all() {
  for pid in "$server_pid" "$nginx_pid"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  server_pid=""
  nginx_pid=""
}
trap 'stop_all; rm -rf "$work"' EXIT

{
  echo "# Benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; wrk shares the cores with the server."
  # A virtual machine's idle processor halts; how long it polls first decides what waking a
  # thread costs, and every SQLite statement wakes two (see the README's Benchmark section).
  poll=/sys/module/haltpoll/parameters/guest_halt_poll_ns
  [ -r "$poll" ] && echo "Guest halt polling: $(cat "$poll") ns ($(cat /sys/devices/system/cpu/cpuidle/current_driver 2>/dev/null) idle driver)."
  echo "Data: demo world + $customers customers, $invoices invoices (every tenth on the demo company)."
  echo "Signed in as demo@portico.test; each run ${duration}; ratio = requests/s against nginx at the same connections."
  echo
  echo "Server CPU per request: the Portico process's user + system time over the run divided by"
  echo "its requests (wrk's share excluded), steadier than requests/s on a shared machine."
  echo
  echo "| what | database | connections | requests/s | p50 | p99 | ratio to nginx | server CPU per request |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$out"

declare -A nginx_rps
# CPU ticks (user + system) the Portico server has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
# wrk CONNECTIONS URL [COOKIE]: prints "rps p50 p99 cpu", cpu being the Portico server's CPU
# microseconds per request ("-" when no Portico server runs, as for nginx).
measure() {
  local conns=$1 url=$2 cookie=${3:-}
  local threads=$(( conns < 2 ? 1 : 2 ))
  local args=(-t"$threads" -c"$conns" -d"$duration" --latency -H 'Accept-Encoding: br, gzip')
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  local report t0="" cpu="-"
  [ -n "$server_pid" ] && t0=$(cpu_ticks)
  report=$(wrk "${args[@]}" "$url")
  if grep -q 'Non-2xx' <<<"$report"; then echo "wrk saw error answers for $url" >&2; echo "$report" >&2; exit 1; fi
  if [ -n "$t0" ]; then
    cpu=$(awk -v t0="$t0" -v t1="$(cpu_ticks)" -v hz="$(getconf CLK_TCK)" \
      '/requests in/ {printf "%d us", (t1 - t0) * 1000000 / hz / $1}' <<<"$report")
  fi
  awk -v cpu="$cpu" '/Requests\/sec/ {r=$2} $1 == "50%" {p50=$2} $1 == "99%" {p99=$2} END {print r, p50, p99, cpu}' <<<"$report"
}
row() { # what database conns rps p50 p99 cpu
  local ratio="-"
  [ -n "${nginx_rps[$3]:-}" ] && ratio=$(awk -v a="$4" -v b="${nginx_rps[$3]}" 'BEGIN {printf "%.3f", a / b}')
  echo "| $1 | $2 | $3 | $4 | $5 | $6 | $ratio | ${7:--} |" | tee -a "$out"
}

sign_in() {
  curl -s -o /dev/null -D - -X POST "http://$addr/api/login" \
    -H 'Sec-Fetch-Site: same-origin' -H 'Accept: text/html' \
    --data 'email=demo%40portico.test&password=portico-demo' |
    grep -iE '^set-cookie: (__Host-)?portico_session=' | sed -E 's/^[^:]+: ([^;]+).*/\1/'
}

start_portico() { # DATABASE_URL
  DATABASE_URL="$1" PORTICO_LISTEN="$addr" RUST_LOG=warn target/release/portico serve &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fs "http://$addr/healthz" >/dev/null && return; sleep 0.2; done
  echo "Portico did not start" >&2; exit 1
}

# 1. nginx: the dashboard's HTML (as Portico renders it, gzip-compressed like Portico's
#    answer) as a static file.
bench_nginx() {
  DATABASE_URL="sqlite://$work/nginx.db?mode=rwc" target/release/portico seed-demo --force >&2
  start_portico "sqlite://$work/nginx.db?mode=rwc"
  local cookie; cookie=$(sign_in)
  mkdir -p "$work/html"
  curl -fs -H "Cookie: $cookie" "http://$addr/" >"$work/html/index.html"
  gzip -k -6 "$work/html/index.html"
  chmod -R a+rX "$work/html"
  stop_all
  mkdir -p "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  gzip_static on;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  server { listen $nginx_addr; root $work/html; default_type text/html; }
}
EOF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 1 50); do curl -fs "http://$nginx_addr/" >/dev/null && break; sleep 0.1; done
  for conns in 1 32; do
    read -r rps p50 p99 _ < <(measure "$conns" "http://$nginx_addr/index.html")
    nginx_rps[$conns]=$rps
    row "dashboard HTML as a static file (nginx)" "-" "$conns" "$rps" "$p50" "$p99"
  done
  stop_all
}

# 2. Portico on one database.
bench_portico() {
  local name=$1 url=$2
  echo "== $name: loading data" >&2
  local t0; t0=$(date +%s)
  DATABASE_URL="$url" target/release/portico seed-demo --force --scale "$customers" "$invoices"
  echo "   seeded in $(( $(date +%s) - t0 ))s" >&2
  start_portico "$url"
  local cookie; cookie=$(sign_in)
  [ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
  curl -fs -H "Cookie: $cookie" "http://$addr/" | grep -q 'unpaid-proformas' ||
    { echo "dashboard not rendered" >&2; exit 1; }
  local css; css=$(curl -fs -H "Cookie: $cookie" "http://$addr/" | grep -oE '/pkg/[^"]+\.css' | head -1)
  # /invoices?filter=all: the demo company's 100,000 documents (with the default scale set).
  for page in / /services /orders "/invoices?filter=all"; do
    for conns in 1 32; do
      read -r rps p50 p99 cpu < <(measure "$conns" "http://$addr$page" "$cookie")
      row "$page signed in" "$name" "$conns" "$rps" "$p50" "$p99" "$cpu"
    done
  done
  # One document rendered as a PDF on every request (issue 9 asks under 20 ms at p50).
  local pdf
  pdf=$(curl -fs -H "Cookie: $cookie" "http://$addr/invoices?filter=all" | grep -oE '/invoices/[0-9]+/pdf' | head -1)
  [ -n "$pdf" ] || { echo "no PDF link on /invoices" >&2; exit 1; }
  for conns in 1 32; do
    read -r rps p50 p99 cpu < <(measure "$conns" "http://$addr$pdf" "$cookie")
    row "$pdf (a PDF) signed in" "$name" "$conns" "$rps" "$p50" "$p99" "$cpu"
  done
  read -r rps p50 p99 cpu < <(measure 32 "http://$addr/login")
  row "/login signed out" "$name" 32 "$rps" "$p50" "$p99" "$cpu"
  read -r rps p50 p99 cpu < <(measure 32 "http://$addr$css")
  row "$css (static)" "$name" 32 "$rps" "$p50" "$p99" "$cpu"
  if [ "$name" = sqlite ]; then
    { echo; echo "Chromium, 4x CPU throttling, empty cache (end2end/perf/throttled.mjs), loopback:"; echo; } >>"$out"
    node end2end/perf/throttled.mjs "http://$addr" 5 | tee -a "$out"
    { echo; echo "The same on a \"slow 4G\" network (150 ms round trip, 1.6 Mbit/s down):"; echo; } >>"$out"
    node end2end/perf/throttled.mjs "http://$addr" 5 slow4g | tee -a "$out"
    { echo; echo "| what | database | connections | requests/s | p50 | p99 | ratio to nginx | server CPU per request |"; echo "|---|---|---|---|---|---|---|---|"; } >>"$out"
  fi
  stop_all
}

bench_nginx
bench_portico sqlite "sqlite://$work/bench.db?mode=rwc"
pg_admin="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if command -v psql >/dev/null && psql "$pg_admin" -qc 'SELECT 1' >/dev/null 2>&1; then
  psql "$pg_admin" -qc 'DROP DATABASE IF EXISTS portico_bench' -c 'CREATE DATABASE portico_bench' >/dev/null
  bench_portico postgresql "${pg_admin%/*}/portico_bench"
else
  echo "| (PostgreSQL not reachable at $pg_admin) | | | | | | |" >>"$out"
fi

# 4. The wasm against the budgets. Without `--split` every page's first load is the whole
#    wasm and navigation loads nothing more.
wasm=$(ls target/site/pkg/*.wasm)
js=$(ls target/site/pkg/*.js)
gz() { gzip -9c "$1" | wc -c; }
wasm_gz=$(gz "$wasm")
chunks=$(find target/site/pkg -name '*.wasm' ! -path "$wasm" | wc -l)
verdict() { [ "$1" -le "$2" ] && echo "within" || echo "OVER"; }
{
  echo
  echo "| file | raw | gzip -9 | brotli (as served) |"
  echo "|---|---|---|---|"
  for f in "$wasm" "$js" $(ls target/site/pkg/*.css); do
    echo "| $(basename "$f") | $(stat -c %s "$f") | $(gz "$f") | $(stat -c %s "$f.br" 2>/dev/null || echo -) |"
  done
  echo
  echo "First load of any page: $wasm_gz bytes of wasm gzipped; budget $first_load_budget: $(verdict "$wasm_gz" "$first_load_budget")."
  echo "Navigation to another page: $chunks further wasm chunks, 0 bytes; budget $navigation_budget: within."
} | tee -a "$out"

# 5. E-mail: the benchmark in server/tests/mail.rs, on the release profile.
mail=$(cargo test --release -q -p server --test mail -- --ignored --nocapture mail_benchmark 2>/dev/null |
  grep '^mail benchmark:' || echo "mail benchmark: did not run")
{ echo; echo "$mail"; } | tee -a "$out"

# 6. Checkout and renewals by card (issue 10): server/tests/cart.rs, release profile, on
#    SQLite and on PostgreSQL.
checkout_bench() {
  cargo test --release -q -p server --test cart -- --ignored --nocapture checkout_benchmark 2>/dev/null |
    grep '^checkout benchmark' || echo "checkout benchmark: did not run"
}
{ echo; checkout_bench; PORTICO_TEST_PG_URL="$pg_admin" checkout_bench; } | tee -a "$out"
echo
echo "Results in $out"
