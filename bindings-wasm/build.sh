#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg: the crate for
# wasm32-unknown-unknown (Debian's rustc-web with -Zbuild-std, see
# ../shared/toolchain.md), wasm-bindgen --target web, wasm-opt -Oz, then the
# package's entry, types and manifest. Prints the .wasm size, raw and gzipped.
# Needs what scripts/test-wasm.sh installs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
pkg="$here/pkg"
target_dir="$root/target/wasm"

# Size-tuned release profile for this build only (the workspace's profile
# stays as it is for the host).
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_DEBUG=false
# A panic would abort the instance anyway (the binding is written to have
# none): immediate-abort drops the panic-message machinery from the module.
# Location details are only used by panic messages.
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$target_dir" \
  cargo +debian-web build --quiet --locked --release \
  --manifest-path "$root/Cargo.toml" -p sobriete-wasm \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
  -Zbuild-std-features=optimize_for_size

rm -rf "$pkg"
wasm-bindgen --target web --out-dir "$pkg" --out-name sobriete \
  "$target_dir/wasm32-unknown-unknown/release/sobriete_wasm.wasm"

"$here/node_modules/.bin/wasm-opt" -Oz --converge \
  --enable-bulk-memory --enable-reference-types --enable-multivalue \
  --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals \
  "$pkg/sobriete_bg.wasm" -o "$pkg/sobriete_bg.wasm"

errors="$(cd "$pkg" && ls snippets/*/js/errors.js)"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)"
sed "s#@ERRORS@#$errors#" "$here/js/index.js" > "$pkg/index.js"
sed "s#@VERSION@#$version#" "$here/js/package.json" > "$pkg/package.json"
cp "$here/js/index.d.ts" "$here/js/errors.d.ts" "$here/README.md" "$pkg/"

raw=$(wc -c < "$pkg/sobriete_bg.wasm")
gz=$(gzip -9c "$pkg/sobriete_bg.wasm" | wc -c)
awk -v raw="$raw" -v gz="$gz" 'BEGIN { printf "sobriete_bg.wasm: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB; limit 250 KB)\n", raw, raw / 1024, gz, gz / 1024 }'
echo "$gz" > "$pkg/.gzip-size"
