#!/usr/bin/env bash
# Everyday checks, in minutes rather than the full test command's 40:
# Rust format, lint and tests (the golden vectors included), then the golden
# vectors in each language whose binding scripts/test.sh has already built
# here (Python, JavaScript, Kotlin); a language not built is skipped and
# said so. Installs nothing and builds no binding: the bindings are tested
# as last built, with a warning when sources changed since. scripts/test.sh
# stays the reference (CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
start=$(date +%s)
ran=(Rust)
skipped=()
not_built="skipped: not built; run scripts/test.sh once"

# stale BUILT PATH...: warns when a file under PATH... is newer than BUILT
# (the binding was built from older sources: a failure may only mean that
# it needs rebuilding).
stale() {
  local built=$1 newer
  shift
  newer=$(find "$@" -type f -newer "$built" ! -path '*/__pycache__/*' -print -quit 2>/dev/null || true)
  if [[ -n "$newer" ]]; then
    echo "warning: $newer is newer than this build ($built): it tests the last build"
  fi
}

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, golden vectors, schemas, CLI, hostile outputs, doc)"
cargo test --workspace --locked

step "Python: golden vectors (the sobriete module installed in .venv)"
if [[ -x .venv/bin/python ]] && .venv/bin/python -c 'import sobriete, pytest' 2>/dev/null; then
  native=$(.venv/bin/python -c 'import sobriete._native as m; print(m.__file__)')
  stale "$native" core/src core/referential bindings-python/src bindings-python/python Cargo.lock
  .venv/bin/python -m pytest -q bindings-python/tests/test_vectors.py
  ran+=(Python)
else
  echo "Python: $not_built"
  skipped+=(Python)
fi

step "JavaScript: golden vectors in Node (the npm package in bindings-wasm/pkg)"
if [[ -f bindings-wasm/pkg/index.js && -f bindings-wasm/pkg/sobriete_bg.wasm ]] && command -v node >/dev/null 2>&1; then
  stale bindings-wasm/pkg/sobriete_bg.wasm core/src core/referential bindings-wasm/src bindings-wasm/js Cargo.lock
  (cd bindings-wasm && node --test tests/vectors.test.mjs)
  ran+=(JavaScript)
else
  echo "JavaScript: $not_built"
  skipped+=(JavaScript)
fi

step "Kotlin: golden vectors, errors and hostile inputs (uniffi, the test program scripts/test-kotlin.sh compiled)"
# What scripts/test-kotlin.sh left: its compiled test program, the Kotlin
# standard library, JNA and a JVM. Recompiling Kotlin is that script's job;
# here the program runs only when it still matches the library.
kotlin_dir=bindings-uniffi/tests/kotlin
kotlin_stdlib=$kotlin_dir/node_modules/kotlin-compiler/lib/kotlin-stdlib.jar
jar=$kotlin_dir/build/test.jar
generated=bindings-uniffi/generated/kotlin
if [[ -f "$jar" && -f "$kotlin_stdlib" && -d "$generated" && -f /usr/share/java/jna.jar ]] \
  && command -v java >/dev/null 2>&1; then
  # The library the program loads, built as scripts/test-kotlin.sh builds it
  # (the whole workspace: a `-p` build would resolve features differently).
  cargo build --quiet --locked --workspace
  target_dir=${CARGO_TARGET_DIR:-target}
  fresh=$(mktemp -d)
  trap 'rm -rf "$fresh"' EXIT
  "$target_dir/debug/uniffi-bindgen" generate --no-format --library "$target_dir/debug/libsobriete_uniffi.so" \
    --language kotlin --out-dir "$fresh" >/dev/null
  newer_test=$(find "$kotlin_dir/src" -type f -newer "$jar" -print -quit)
  if ! diff -rq "$fresh" "$generated" >/dev/null; then
    echo "Kotlin: skipped: the Rust interface changed since the last Kotlin build; run scripts/test-kotlin.sh"
    skipped+=(Kotlin)
  elif [[ -n "$newer_test" ]]; then
    echo "Kotlin: skipped: $newer_test changed since the last Kotlin build; run scripts/test-kotlin.sh"
    skipped+=(Kotlin)
  else
    java -Djna.library.path="$(cd "$target_dir/debug" && pwd)" \
      -cp "$jar:$kotlin_stdlib:/usr/share/java/jna.jar" MainKt tests/vectors examples tests/bad-inputs
    ran+=(Kotlin)
  fi
else
  echo "Kotlin: $not_built"
  skipped+=(Kotlin)
fi

step "C: golden vectors and error cases (the test program scripts/test-c.sh compiled)"
# The program links the shared library by path (rpath), so it runs against
# the library the Rust steps above just built; valgrind is the full
# command's job.
if [[ -x target/c/check && -f /usr/include/cjson/cJSON.h ]]; then
  cargo build --quiet --locked -p sobriete-c
  stale target/c/check bindings-c/tests/c
  target/c/check . tests/vectors/*.json
  ran+=(C)
else
  echo "C: $not_built"
  skipped+=(C)
fi

step "PHP: golden vectors and the cross-language table through FFI (the C library just built)"
if command -v php >/dev/null 2>&1 && php -m | grep -qx FFI; then
  cargo build --quiet --locked -p sobriete-c
  SOBRIETE_LIB="$PWD/${CARGO_TARGET_DIR:-target}/debug/libsobriete_c.so" php bindings-php/tests/run.php
  ran+=(PHP)
else
  echo "PHP: skipped: no php with FFI; run scripts/test.sh once"
  skipped+=(PHP)
fi

step "summary"
echo "golden vectors run in: ${ran[*]}"
if ((${#skipped[@]})); then
  echo "skipped: ${skipped[*]} (see above)"
fi
echo "quick checks passed in $(($(date +%s) - start)) s (the full test command is scripts/test.sh)"
