#!/usr/bin/env bash
# Where a request's CPU goes, counted in instructions (callgrind), not seconds: the count is
# the same run after run, whatever else the machine is doing, so two builds compare exactly.
#   scripts/profile.sh [PATH ...]        default: / /services /orders /login
#   PROFILE_REQUESTS=20                  requests per path
#   PROFILE_SCALE="10000 1000000"        customers and invoices added to the demo world
#   PROFILE_BIN=target/release/portico  another build to compare (its hash.txt beside it)
# Uses the release build as it is (scripts/bench.sh builds it). Prints instructions per
# request for each path (`/login` signed out, every other path signed in as the demo company)
# and keeps one callgrind dump per path for `callgrind_annotate --inclusive=yes FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${PROFILE_REQUESTS:-20}
read -r customers invoices <<<"${PROFILE_SCALE:-10000 1000000}"
addr=127.0.0.1:3402
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/ /services /orders /login)
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }
bin=${PROFILE_BIN:-target/release/portico}
[ -x "$bin" ] || { echo "build first: scripts/bench.sh, or cargo leptos build --release --precompress --bin-features demo" >&2; exit 1; }

out=$(mktemp -d /tmp/portico-profile.XXXXXX)
db="sqlite://$out/profile.db?mode=rwc"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT

DATABASE_URL="$db" "$bin" seed-demo --force --scale "$customers" "$invoices" >&2
DATABASE_URL="$db" PORTICO_LISTEN="$addr" RUST_LOG=warn \
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.%p" --dump-instr=no \
  "$bin" serve 2>"$out/valgrind.log" &
pid=$!
for _ in $(seq 1 600); do curl -fs "http://$addr/healthz" >/dev/null && break; sleep 0.5; done
cookie=$(curl -s -o /dev/null -D - -X POST "http://$addr/api/login" \
  -H 'Sec-Fetch-Site: same-origin' -H 'Accept: text/html' \
  --data 'email=demo%40portico.test&password=portico-demo' |
  grep -iE '^set-cookie: (__Host-)?portico_session=' | sed -E 's/^[^:]+: ([^;]+).*/\1/')
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

fetch() { # PATH: one request as a browser makes it
  local args=(-fs -o /dev/null -H 'Accept: text/html' -H 'Accept-Encoding: br, gzip')
  [ "$1" != /login ] && args+=(-H "Cookie: $cookie")
  curl "${args[@]}" "http://$addr$1"
}

printf '%-24s %16s\n' path instructions/request
for path in "${paths[@]}"; do
  # Warm-up: each pooled database connection parses the schema and prepares its statements
  # on first use, and the pool hands its connections out in turn.
  for _ in $(seq 1 40); do fetch "$path"; done
  callgrind_control -z "$pid" >/dev/null 2>&1
  for _ in $(seq 1 "$requests"); do fetch "$path"; done
  callgrind_control -d "${path//\//_}" "$pid" >/dev/null 2>&1
  dump=$(ls -t "$out"/callgrind.* | head -1)
  total=$(awk '/^totals:/ {print $2}' "$dump")
  printf '%-24s %16s\n' "$path" "$(( total / requests ))"
done
echo "Dumps in $out (callgrind_annotate --inclusive=yes FILE | head -60)"
