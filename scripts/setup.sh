#!/usr/bin/env bash
# Installs whatever this machine lacks to build, run and test Portico; each piece only when
# missing. Safe to run again. Used by scripts/demo.sh and scripts/test.sh.
#   scripts/setup.sh            build tools, npm packages and Chromium
#   scripts/setup.sh --bench    also what scripts/bench.sh uses: wrk, and nginx as the baseline
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos 0.3.10: 0.3.11 does not install on rustc 1.95.
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "0.3.10" ]; then
  say "cargo install cargo-leptos 0.3.10 (15-25 minutes the first time)"
  cargo install cargo-leptos --version 0.3.10 --locked
fi

# wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly. Installed without
# --locked: its own lock file pins a crate version the registry no longer has.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "cargo install wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# Node packages: Playwright, binaryen's wasm-opt (>= 116; Debian's 108 breaks hydration) and
# MailDev, the SMTP server the tests and the demo deliver e-mail to.
if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
  || [ ! -x end2end/node_modules/.bin/maildev ] \
  || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "npm ci (end2end)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian's Chromium: Playwright cannot download its own browser here.
[ -x /usr/bin/chromium ] || apt_install chromium
# poppler's pdftotext and pdfinfo: the tests read the invoice PDFs back with them.
command -v pdftotext >/dev/null || apt_install poppler-utils

if [ "${1:-}" = "--bench" ]; then
  command -v wrk >/dev/null || apt_install wrk
  # Only the binary is used (scripts/bench.sh starts its own with its own configuration).
  command -v nginx >/dev/null || apt_install nginx-light
fi
say "ready"
