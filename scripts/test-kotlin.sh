#!/usr/bin/env bash
# Kotlin and Swift bindings (uniffi): installs what they need (idempotently),
# generates the Kotlin and Swift sources, compiles and runs the Kotlin test
# program (every golden vector, error cases, hostile inputs, every entry
# point) and checks that the generated Swift's C header compiles (no Swift
# compiler can be installed here).
#
# Needs: cargo, npm (for the Kotlin compiler), apt (a JDK and JNA when
# missing), gcc. Reuses target/debug when the workspace is already built.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }
now() { date +%s%N; }
ms_since() { echo $((($(now) - $1) / 1000000)); }

step "uniffi: JDK, JNA and the Kotlin compiler"
apt_packages=()
command -v javac >/dev/null 2>&1 || apt_packages+=(default-jdk-headless)
[ -f /usr/share/java/jna.jar ] || apt_packages+=(libjna-java libjna-jni)
command -v gcc >/dev/null 2>&1 || apt_packages+=(gcc libc6-dev)
if [ ${#apt_packages[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi
kotlin_dir=bindings-uniffi/tests/kotlin
(cd "$kotlin_dir" && npm ci --no-audit --no-fund --silent)
kotlin_home=$root/$kotlin_dir/node_modules/kotlin-compiler
java -version 2>&1 | head -1
"$kotlin_home/bin/kotlinc" -version 2>&1 | tail -1

step "uniffi: build the library and generate Kotlin and Swift"
# The whole workspace, as the other steps build it: a `-p` build would
# resolve features differently and rebuild dependencies.
cargo build --quiet --locked --workspace
target_dir=${CARGO_TARGET_DIR:-target}
lib=$target_dir/debug/libsobriete_uniffi.so
gen=bindings-uniffi/generated
rm -rf "$gen"
for language in kotlin swift; do
  "$target_dir/debug/uniffi-bindgen" generate --no-format --library "$lib" \
    --language "$language" --out-dir "$gen/$language"
done
ls "$gen/kotlin/sobriete/sobriete.kt" "$gen/swift/Sobriete.swift" "$gen/swift/SobrieteFFI.h"

step "uniffi: the generated Swift's C header compiles"
printf '#include "SobrieteFFI.h"\nint main(void) { return 0; }\n' >"$gen/swift/check_header.c"
gcc -std=c11 -Wall -Wextra -Werror -fsyntax-only -D_Nonnull= -D_Nullable= \
  -I "$gen/swift" "$gen/swift/check_header.c"
echo "SobrieteFFI.h: OK"

step "uniffi: compile the Kotlin test with the generated bindings"
build=$kotlin_dir/build
rm -rf "$build"
mkdir -p "$build"
# The README's Kotlin example, compiled and run too (in its own package, so
# its `main` does not clash with the test's).
{
  echo "package readme"
  awk '/^```kotlin$/ { on = 1; next } /^```$/ { if (on) exit } on' bindings-uniffi/README.md
} >"$build/Readme.kt"
start=$(now)
# A short-lived compiler: C1 only and a larger heap halve the compile time.
JAVA_OPTS=${JAVA_OPTS:--Xmx1G -Xms256M -XX:TieredStopAtLevel=1 -XX:+UseParallelGC} \
  "$kotlin_home/bin/kotlinc" -nowarn -cp /usr/share/java/jna.jar \
  "$gen/kotlin/sobriete/sobriete.kt" "$kotlin_dir"/src/*.kt "$build/Readme.kt" \
  -d "$build/test.jar"
echo "kotlinc: $(ms_since "$start") ms"

run_kotlin() {
  java -Djna.library.path="$(cd "$target_dir/debug" && pwd)" \
    -cp "$build/test.jar:$kotlin_home/lib/kotlin-stdlib.jar:/usr/share/java/jna.jar" "$@"
}

step "uniffi: run the Kotlin test (golden vectors, errors, every entry point)"
start=$(now)
run_kotlin MainKt tests/vectors examples
echo "kotlin test run: $(ms_since "$start") ms"

step "uniffi: the README's Kotlin example"
out=$(run_kotlin readme.ReadmeKt)
printf '%s\n' "$out"
for expected in "index " "ERROR " "level: invalid argument"; do
  if ! grep -q "$expected" <<<"$out"; then
    echo "the README example's output lacks \"$expected\"" >&2
    exit 1
  fi
done
