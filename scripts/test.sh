#!/usr/bin/env bash
# Sets up what is missing and runs every check and test:
#   formatting, the wasm dependency guard, clippy (server and wasm builds), the Rust tests on
#   SQLite and - when a server is reachable - PostgreSQL, then the Playwright journeys against
#   a release build in Chromium.
# PostgreSQL: DATABASE_URL=postgres://… names a server whose user may CREATE DATABASE;
# otherwise postgres://postgres@127.0.0.1:5432/postgres is tried.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
log=$(mktemp -d)/test.log
step() { printf '\n\033[1;34m[test]\033[0m %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never
# A clean checkout gains nothing from incremental compilation, and its caches were the largest
# part of a target directory that once filled the disk (a CI run died of "No space left on
# device" while linking); the free space is printed so such a failure is easy to read.
export CARGO_INCREMENTAL=0
df -h . | tail -1 | awk '{print "[test] free disk space: " $4}'

step "rustfmt"
cargo fmt --all -- --check

step "wasm dependency guard"
scripts/check-wasm-deps.sh

step "clippy: server build"
cargo clippy -p server -p app -p migration --all-targets -- -D warnings
step "clippy: production build (without the demo world)"
cargo clippy -p server --bin portico -- -D warnings
step "clippy: wasm build"
cargo clippy -p frontend -p app --target wasm32-unknown-unknown -- -D warnings

step "Rust tests on SQLite"
cargo test -p app -p server 2>&1 | tee -a "$log"

pg_url="${DATABASE_URL:-}"
[[ "$pg_url" == postgres* ]] || pg_url="postgres://postgres@127.0.0.1:5432/postgres"
pg_hostport=$(sed -E 's#^[a-z]+://([^@/]*@)?([^/:]+)(:([0-9]+))?.*#\2 \4#' <<<"$pg_url")
read -r pg_host pg_port <<<"$pg_hostport"
if (exec 3<>"/dev/tcp/$pg_host/${pg_port:-5432}") 2>/dev/null; then
  step "Rust tests on PostgreSQL ($pg_host:${pg_port:-5432})"
  # Same package set as above, so cargo reuses the build (a different set unifies features
  # differently and recompiles everything); `--test '*'` runs only the database-backed suites.
  PORTICO_TEST_PG_URL="$pg_url" cargo test -p app -p server --test '*' 2>&1 | tee -a "$log"
  if command -v psql >/dev/null; then # drop the per-test databases
    psql "$pg_url" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'portico_t_%'" |
      while read -r db; do psql "$pg_url" -qc "DROP DATABASE IF EXISTS $db" >/dev/null; done
  fi
else
  step "PostgreSQL not reachable at $pg_host:${pg_port:-5432}: PostgreSQL tests skipped"
fi

step "release build"
# The journeys test behaviour, not speed: the server without fat LTO and with parallel codegen
# builds in about 10 minutes instead of 15 here. The wasm keeps its own profile (wasm-release),
# so the browser gets exactly what production ships; scripts/demo.sh and scripts/bench.sh
# build the full release.
CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo leptos build --release --precompress --bin-features demo

step "Playwright journeys (desktop, phone, no JavaScript)"
(cd end2end && npx playwright test) 2>&1 | tee -a "$log"

# One closing line over both runners: cargo's "test result: ok. N passed" and Playwright's "N passed".
sum() { grep -Eo "$1" "$log" | grep -Eo '^[^0-9]*[0-9]+' | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}' || true; }
passed=$(sum '(test result: ok\. |^ +)[0-9]+ passed')
failed=$(sum '[0-9]+ failed')
step "done"
echo "${passed:-0} passed, ${failed:-0} failed"
