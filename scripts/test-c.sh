#!/usr/bin/env bash
# The C ABI and PHP: installs what they need (gcc, cJSON, valgrind,
# cbindgen, php-cli), idempotently, checks that bindings-c/include/sobriete.h
# is the one cbindgen generates, builds the library, then compiles and runs
# the C test program (every golden vector, the error cases) against the
# shared library under valgrind (no leak, no invalid access) and against the
# static one, and runs the PHP tests through FFI. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
[ -f /usr/include/cjson/cJSON.h ] || missing+=(libcjson-dev)
command -v php >/dev/null 2>&1 || missing+=(php-cli)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
cbindgen_version=0.29.4
if ! cbindgen --version 2>/dev/null | grep -qx "cbindgen ${cbindgen_version}"; then
  cargo install --quiet --version "$cbindgen_version" cbindgen
fi

# The header has no drift (regenerate it with the same command without
# --verify after changing bindings-c/src).
cbindgen --quiet --verify --config bindings-c/cbindgen.toml --crate sobriete-c \
  --output bindings-c/include/sobriete.h bindings-c

cargo build --quiet --locked -p sobriete-c
lib=target/debug
out=target/c
mkdir -p "$out"
flags=(-std=c11 -Wall -Wextra -Werror -O1 -g -Ibindings-c/include)
vectors=(tests/vectors/*.json)

# Leaks that count: definite and indirect. "Possibly lost" blocks are the
# process-lifetime caches of the embedded referential (filled once in a
# OnceLock; hash tables point inside their blocks): about 5 KB, the same
# whatever the number of calls.
gcc "${flags[@]}" bindings-c/tests/c/check.c -o "$out/check" \
  -L"$lib" -lsobriete_c -lcjson -lpthread -Wl,-rpath,"$PWD/$lib"
valgrind --quiet --error-exitcode=1 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --show-possibly-lost=no \
  "$out/check" . "${vectors[@]}"

# The static library, linked into the program.
gcc "${flags[@]}" bindings-c/tests/c/check.c -o "$out/check-static" \
  "$lib/libsobriete_c.a" -lcjson -lpthread -ldl -lm
"$out/check-static" . "${vectors[@]}"

# The README's C example, compiled and run as it is.
awk '/^### C$/{c=1} c && /^```c$/{p=1; next} p && /^```$/{exit} p' README.md > "$out/readme.c"
gcc "${flags[@]}" "$out/readme.c" -o "$out/readme" -L"$lib" -lsobriete_c -Wl,-rpath,"$PWD/$lib"
"$out/readme" > "$out/readme.out" || { echo "the README's C example failed"; exit 1; }
grep -q '"index":0.0' "$out/readme.out" || { echo "the README's C example gave no index"; exit 1; }

# PHP through FFI (the library just built): every golden vector, the
# cross-language table, the error cases.
SOBRIETE_LIB="$PWD/$lib/libsobriete_c.so" php bindings-php/tests/run.php

# The README's PHP example, served by PHP's built-in web server: the
# commune example posted to it gives the index every language gives, and a
# broken assessment a 422 listing every issue. (ffi.enable=1: Debian's
# default, `preload`, keeps FFI to the command line; bindings-php/README.md
# gives the preload set-up for a production server.)
site=$(mktemp -d)
trap 'rm -rf "$site"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true' EXIT
awk '/^### PHP$/{c=1} c && /^```php$/{p=1; next} p && /^```$/{exit} p' README.md > "$site/score.php"
mkdir -p "$site/vendor"
printf '<?php\nrequire %s;\n' "'$PWD/bindings-php/autoload.php'" > "$site/vendor/autoload.php"
port=$((20000 + RANDOM % 20000))
SOBRIETE_LIB="$PWD/$lib/libsobriete_c.so" SOBRIETE_HEADER="$PWD/bindings-c/include/sobriete.h" \
  php -d ffi.enable=1 -S "127.0.0.1:$port" -t "$site" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
good=$(curl -s --data-binary @examples/commune-rurale-niveau1.json "http://127.0.0.1:$port/score.php")
[ "$good" = '{"index":28.82,"grade":"E"}' ] || { echo "the README's PHP example gave: $good"; exit 1; }
bad=$(curl -s -w ' %{http_code}' --data-binary '{"level": 3}' "http://127.0.0.1:$port/score.php")
case "$bad" in *'"issues":[{'*' 422') ;; *) echo "the README's PHP example, broken input: $bad"; exit 1 ;; esac
echo "php: the README's example served the same index (28.82 E) and a 422 listing the issues"
