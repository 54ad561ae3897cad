#!/usr/bin/env bash
# Runs every test of the project. Installs what it needs first (idempotent).
# This is the test command README.md gives; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup)"; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

step "rustfmt"
cargo fmt --all -- --check

step "clippy (warnings denied)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test"
cargo test --workspace

step "cargo test: the core without its html feature (as in the browser module)"
cargo clippy -p ogi-report --no-default-features --all-targets -- -D warnings
cargo test -p ogi-report --no-default-features --lib

step "docs (warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

# The bindings' own suites (each installs what it needs, idempotently).
for part in python wasm; do
  if [ -f "scripts/test-$part.sh" ]; then
    step "$part"
    bash "scripts/test-$part.sh"
  fi
done

step "all tests passed"
