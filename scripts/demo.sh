#!/usr/bin/env bash
# Sets up what is missing, builds the release, loads the demo world into a fresh SQLite file
# and serves the portal at http://127.0.0.1:3000 (Ctrl-C stops it). The e-mails it sends go to
# a local MailDev, readable at http://127.0.0.1:1080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"
cargo leptos build --release --precompress --bin-features demo
export DATABASE_URL="${DATABASE_URL:-sqlite://target/portico-demo.db?mode=rwc}"
if [ -z "${PORTICO_SMTP_URL:-}" ]; then
  maildev --ip 127.0.0.1 --smtp 1025 --web 1080 --silent &
  maildev_pid=$!
  trap 'kill $maildev_pid 2>/dev/null' EXIT
  export PORTICO_SMTP_URL=smtp://127.0.0.1:1025
  echo "E-mails the portal sends: http://127.0.0.1:1080"
fi
echo "Sign in at http://127.0.0.1:3000 as demo@portico.test / portico-demo"
target/release/portico demo
