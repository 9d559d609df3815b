#!/usr/bin/env bash
# Installs what the tests need (idempotently) and runs every test of every
# language. This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    rustup component add "$component"
  fi
done
cargo --version

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "rustdoc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

step "schemas up to date"
cargo run --quiet --locked -p sobriete-cli -- schema --check schema

step "Rust tests (unit, golden vectors, schemas, CLI, doc)"
cargo test --workspace --locked
