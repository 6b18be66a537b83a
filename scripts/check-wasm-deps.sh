#!/usr/bin/env bash
# Fails when server-only crates leak into the browser build: the wasm must never contain the
# database driver, the async runtime, the password hasher, the cipher that seals secrets, the
# mailer or the PDF writer.
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(sea-orm|sea-orm-migration|sqlx|sqlx-core|tokio|argon2|chacha20poly1305|lettre|krilla) '
tree=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none --no-dedupe)
if leaks=$(grep -E "$forbidden" <<<"$tree" | sort -u) && [ -n "$leaks" ]; then
  echo "server-only crates in the wasm dependency tree:"
  echo "$leaks"
  exit 1
fi
echo "wasm dependency tree is free of sea-orm, sqlx, tokio, argon2, chacha20poly1305, lettre and krilla"
