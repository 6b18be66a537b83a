#!/usr/bin/env bash
# Sets up what is missing, builds the release, loads the demo world into a fresh SQLite file
# and serves the portal at http://127.0.0.1:3000 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"
cargo leptos build --release --precompress --bin-features demo
export DATABASE_URL="${DATABASE_URL:-sqlite://target/portico-demo.db?mode=rwc}"
echo "Sign in at http://127.0.0.1:3000 as demo@portico.test / portico-demo"
exec target/release/portico demo
