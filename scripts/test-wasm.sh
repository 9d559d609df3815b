#!/usr/bin/env bash
# The WebAssembly binding: installs what it needs (idempotently), lints the
# repository's JavaScript (eslint), builds the npm package
# (bindings-wasm/pkg), prints its size, then runs the Node tests
# (golden vectors, API cross-checked with the CLI, errors, hostile inputs),
# the TypeScript check and the web components on the demo pages in headless
# Chromium (axe-core, keyboard walk-through, screenshots), and checks
# the sizes of its three modules (main: the 250 KB budget).
# Works on a fresh clone as root, with only the package registries reachable.
# The toolchain (Debian rustc-web with -Zbuild-std) is described in bindings-wasm/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

step() { printf '\n==> %s\n' "$*"; }
export DEBIAN_FRONTEND=noninteractive
apt_updated=""
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    [[ -n "$apt_updated" ]] || { apt-get update -qq; apt_updated=1; }
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

step "toolchain: Debian rustc-web for wasm32 (-Zbuild-std), lld, chromium, node"
apt_install rustc-web cargo-web rust-web-src rust-web-llvm chromium
# Node.js 18+ with npm (already there on this machine kind; Debian's otherwise).
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
# rust-web-llvm does not pull in the lld package /usr/bin/rust-lld points to.
lld_package="$(basename "$(readlink /usr/bin/rust-lld)")"
apt_install "$lld_package"
/usr/bin/rust-lld -flavor wasm --version >/dev/null
rustc_web="$(dpkg-query -W -f='${Version}' rustc-web)"
rust_src="$(dpkg-query -W -f='${Version}' rust-web-src)"
if [[ "$rustc_web" != "$rust_src" ]]; then
  echo "rustc-web ($rustc_web) and rust-web-src ($rust_src) differ: apt-get install --only-upgrade rustc-web rust-web-src" >&2
  exit 1
fi
rustup toolchain list | grep -q '^debian-web' || rustup toolchain link debian-web /usr
cargo +debian-web --version

wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]]; then
  # `--locked` fails with this index (see toolchain.md).
  cargo install --quiet wasm-bindgen-cli --version "$wasm_bindgen_version"
fi
wasm-bindgen --version

step "npm tools (binaryen wasm-opt, json-schema-to-typescript, typescript, playwright-core, eslint)"
(cd bindings-wasm && npm ci --no-audit --no-fund --silent)

step "JavaScript lint (eslint: every tracked .js/.mjs of the repository, config in bindings-wasm/eslint.config.js)"
# Before the build: a lint finding fails in seconds, not after the wasm build.
(cd bindings-wasm && npm run --silent lint)

step "TypeScript types up to date with the Rust types (schemas)"
cargo test --quiet --locked -p sobriete-wasm --test schemas
(cd bindings-wasm && node scripts/gen-types.mjs --check)

step "build the npm package (bindings-wasm/pkg)"
bindings-wasm/build.sh

step "CLI for the cross-checks"
cargo build --quiet --locked -p sobriete-cli
export SOBRIETE_BIN="$root/target/debug/sobriete"

step "Node: golden vectors, API vs CLI, errors and hostile inputs"
(cd bindings-wasm && node --test tests/*.test.mjs)

step "Node benchmark's smoke test: plain JS against every batch entry point, both builds of the main module"
(cd benchmarks/node && node --test bench.test.mjs)

step "TypeScript: tsc --noEmit on a consumer"
(cd bindings-wasm && node_modules/.bin/tsc --noEmit -p tests/types)

step "web components and demo pages in headless Chromium (axe-core, keyboard, screenshots in target/screenshots)"
(cd bindings-wasm && node --test tests/browser/)

step "size"
# The 250 KB budget applies to the main module (loaded with every page); the
# extras and importers modules (loaded on first use) have a ceiling each:
# what they measure + ~5% (the importers: 260.8 KB since numbers are read
# correctly rounded).
check_size() { # NAME LIMIT_KB WHAT
  local gz
  gz="$(cat "bindings-wasm/pkg/.$1.gzip-size")"
  if ((gz > $2 * 1024)); then
    echo "FAIL: $1_bg.wasm is $((gz / 1024)) KB gzipped, above the $2 KB $3" >&2
    exit 1
  fi
  echo "ok: $1_bg.wasm is $((gz / 1024)) KB gzipped ($3 $2 KB)"
}
check_size sobriete "${SOBRIETE_WASM_SIZE_LIMIT_KB:-250}" "budget"
check_size sobriete_extras "${SOBRIETE_WASM_EXTRAS_SIZE_LIMIT_KB:-400}" "ceiling of the extras module"
check_size sobriete_importers "${SOBRIETE_WASM_IMPORTERS_SIZE_LIMIT_KB:-274}" "ceiling of the importers module"
