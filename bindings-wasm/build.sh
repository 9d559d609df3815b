#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg: three WebAssembly modules
# from the one crate (feature `main`: the module loaded with the page,
# with the default referential read from default-referential.json beside it; feature `extras`: renderers, migrations,
# history and peers; feature `importers`: the importers, Éco-clic's SQL and
# CSV readers with them; the last two loaded on first use by js/index.js),
# each for wasm32-unknown-unknown (Debian's rustc-web with -Zbuild-std, see
# toolchain notes in bindings-wasm/README.md), wasm-bindgen --target web, wasm-opt, then
# the package's entry, types and manifest. Prints the modules' sizes, raw
# and gzipped; the 250 KB budget applies to the main module.
# Needs what scripts/test-wasm.sh installs.
#
# Profiles (environment): SOBRIETE_WASM_MAIN_OPT and SOBRIETE_WASM_EXTRAS_OPT
# (default z for both) are the rustc opt-levels of the two modules; wasm-opt
# gets -Oz for z, -Os for s, -O3 otherwise. The main module only fits its
# budget at z (244 KB; s gives 256 KB, 2 gives 281 KB, 3 gives 287 KB: see
# bindings-wasm/README.md, "Three modules, and their sizes").
#
# Node.js reads the module from disk, where its size does not matter: the
# main module is also built for speed (SOBRIETE_WASM_NODE_OPT, default 3;
# `none` skips it) as sobriete_node_bg.wasm, which the entry loads under
# Node. It has the same exports, so it must have the same glue: checked.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
pkg="$here/pkg"
target_dir="$root/target/wasm"
main_opt="${SOBRIETE_WASM_MAIN_OPT:-z}"
extras_opt="${SOBRIETE_WASM_EXTRAS_OPT:-z}"
importers_opt="${SOBRIETE_WASM_IMPORTERS_OPT:-z}"
node_opt="${SOBRIETE_WASM_NODE_OPT:-3}"

# Release profile for this build only (the workspace's profile stays as it
# is for the host).
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_DEBUG=false

# build FEATURE OPT-LEVEL OUT [TARGET-DIR]: the crate with only FEATURE's
# exports. Standard library built for size unless the level is 2 or 3.
build() {
  local std_features=(-Zbuild-std-features=optimize_for_size)
  case "$2" in 2 | 3) std_features=() ;; esac
  # A panic would abort the instance anyway (the binding is written to have
  # none): immediate-abort drops the panic-message machinery from the module.
  # Location details are only used by panic messages.
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$2" \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="${4:-$target_dir}" \
    cargo +debian-web build --quiet --locked --release \
    --manifest-path "$root/Cargo.toml" -p sobriete-wasm \
    --no-default-features --features "$1" \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
    "${std_features[@]}"
  cp "${4:-$target_dir}/wasm32-unknown-unknown/release/sobriete_wasm.wasm" "$3"
}

wasm_opt_level() {
  case "$1" in
    z) echo -Oz ;;
    s) echo -Os ;;
    *) echo -O3 ;;
  esac
}

# bind NAME OPT-LEVEL INPUT [OUT-DIR]: the glue and the optimised
# NAME_bg.wasm in OUT-DIR (default pkg/).
bind() {
  local out="${4:-$pkg}"
  wasm-bindgen --target web --out-dir "$out" --out-name "$1" "$3"
  "$here/node_modules/.bin/wasm-opt" "$(wasm_opt_level "$2")" --converge \
    --enable-bulk-memory --enable-reference-types --enable-multivalue \
    --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals \
    "$out/${1}_bg.wasm" -o "$out/${1}_bg.wasm"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build main "$main_opt" "$work/main.wasm"
build extras "$extras_opt" "$work/extras.wasm"
build importers "$importers_opt" "$work/importers.wasm"
if [[ "$node_opt" != none ]]; then
  # Its own target directory: switching profiles would rebuild the others.
  build main "$node_opt" "$work/node.wasm" "$root/target/wasm-node"
fi

rm -rf "$pkg"
bind sobriete "$main_opt" "$work/main.wasm"
bind sobriete_extras "$extras_opt" "$work/extras.wasm"
bind sobriete_importers "$importers_opt" "$work/importers.wasm"
if [[ "$node_opt" != none ]]; then
  bind sobriete "$node_opt" "$work/node.wasm" "$work/node"
  # The entry gives this module to the main module's glue: same exports,
  # same glue, else it cannot.
  if ! cmp -s "$work/node/sobriete.js" "$pkg/sobriete.js"; then
    echo "the speed build of the main module has another glue than the size build" >&2
    diff "$pkg/sobriete.js" "$work/node/sobriete.js" | head -n 20 >&2
    exit 1
  fi
  cp "$work/node/sobriete_bg.wasm" "$pkg/sobriete_node_bg.wasm"
fi

# Every glue imports the same errors.js (one set of error classes).
errors="$(cd "$pkg" && ls snippets/*/js/errors.js)"
if [[ "$(wc -l <<<"$errors")" != 1 ]] || ! grep -qF "./$errors" "$pkg/sobriete_extras.js" \
  || ! grep -qF "./$errors" "$pkg/sobriete_importers.js"; then
  echo "the modules do not share one errors.js: $errors" >&2
  exit 1
fi
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)"
sed "s#@ERRORS@#$errors#" "$here/js/index.js" > "$pkg/index.js"
sed "s#@VERSION@#$version#" "$here/js/package.json" > "$pkg/package.json"
cp "$here/js/index.d.ts" "$here/js/errors.d.ts" "$here/js/components.js" "$here/js/components.d.ts" "$here/README.md" "$pkg/"
# The default referential beside the modules, compact (the entry reads it).
node -e 'const fs = require("fs"); fs.writeFileSync(process.argv[2], JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], "utf8"))))' \
  "$root/core/referential/default.json" "$pkg/default-referential.json"

# size NAME NOTE: prints NAME_bg.wasm's size and writes the gzipped one to
# pkg/.NAME.gzip-size.
size() {
  local raw gz
  raw=$(wc -c < "$pkg/${1}_bg.wasm")
  gz=$(gzip -9c "$pkg/${1}_bg.wasm" | wc -c)
  awk -v name="${1}_bg.wasm" -v raw="$raw" -v gz="$gz" -v note="$2" 'BEGIN { printf "%s: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB; %s)\n", name, raw, raw / 1024, gz, gz / 1024, note }'
  echo "$gz" > "$pkg/.$1.gzip-size"
}
size sobriete "main module, opt-level $main_opt; the 250 KB budget applies to it"
size sobriete_extras "extras module, opt-level $extras_opt, loaded on first use; its ceiling is in scripts/test-wasm.sh"
size sobriete_importers "importers module, opt-level $importers_opt, loaded on first use; its ceiling is in scripts/test-wasm.sh"
awk -v raw="$(wc -c < "$pkg/default-referential.json")" -v gz="$(gzip -9c "$pkg/default-referential.json" | wc -c)" \
  'BEGIN { printf "default-referential.json: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB; the default referential, read with the main module)\n", raw, raw / 1024, gz, gz / 1024 }'
if [[ -f "$pkg/sobriete_node_bg.wasm" ]]; then
  size sobriete_node "the main module built for speed (opt-level $node_opt), loaded by Node.js only"
fi
