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

step "Rust tests (unit, golden vectors, schemas, CLI, hostile outputs, doc)"
cargo test --workspace --locked

step "C ABI (header drift, golden vectors and error cases in C under valgrind, static library)"
bash scripts/test-c.sh

step "browser: the HTML report in headless Chromium (no console error, no external request)"
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium
fi
cargo build --quiet --locked -p sobriete-cli
(cd tests/browser && npm ci --no-audit --no-fund --silent && node --test)

step "Python binding (pip install ./bindings-python, pytest, notebook, mypy --strict, stubtest)"
bash scripts/test-python.sh

step "Kotlin and Swift bindings (uniffi: golden vectors in Kotlin, Swift C header)"
bash scripts/test-kotlin.sh

step "WebAssembly/JavaScript binding (build, golden vectors in Node, types, demo in headless Chromium, size)"
# Three modules: the main one within the 250 KB gzipped budget, the extras
# and importers ones (loaded on first use) under their own ceilings.
bash scripts/test-wasm.sh

# 10 s per target locally, 60 s on CI (CI=true); SOBRIETE_FUZZ_SECONDS overrides.
if [ "${CI:-}" = true ]; then fuzz_seconds=60; else fuzz_seconds=10; fi
step "fuzzing (cargo-fuzz, ${SOBRIETE_FUZZ_SECONDS:-$fuzz_seconds} s per target; regressions replayed)"
bash scripts/test-fuzz.sh
