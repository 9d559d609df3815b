#!/usr/bin/env bash
# The benchmarks of BENCHMARKS.md, side by side in one run: native (Rust
# library and CLI), Python and Node, on the same generated level-2
# assessments (35,000 by default: the communes of France).
#
#   bash scripts/bench.sh               # everything, N=35000
#   N=5000 bash scripts/bench.sh        # quicker
#   SKIP_NODE=1 bash scripts/bench.sh   # without the Node part
#
# Installs what it needs like the test command (a .venv with the Python
# package, the WebAssembly package when missing). Timings are wall clock on
# whatever else the machine is doing: run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-35000}"
out=target/bench
mkdir -p "$out"

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c 'import sobriete, pandas' 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check './bindings-python[pandas]'
fi
# Naming the example selects targets: the CLI binary must be named too.
cargo build --quiet --release -p sobriete-cli -p sobriete --bin sobriete --example bench

data="$out/assessments-$N.jsonl"
if [ ! -s "$data" ]; then
  .venv/bin/python bindings-python/benchmarks/generate.py --n "$N" --seed 0 > "$data.tmp"
  mv "$data.tmp" "$data"
fi

cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)"
echo "# Benchmarks ($N generated level-2 assessments, $(date -u +%Y-%m-%d))"
echo
echo "- machine: $(uname -sr), $cpu, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| language | what | n | total | per assessment | compared with |"
echo "|---|---|---:|---:|---:|---|"

# Native: the batch on one core, then the other rows on every core.
SOBRIETE_THREADS=1 target/release/examples/bench "$data" --batch-only
target/release/examples/bench "$data"

# The CLI streams JSON Lines: its peak memory does not grow with the input.
for threads in 1 ""; do
  start=$(date +%s.%N)
  SOBRIETE_THREADS="$threads" /usr/bin/time -f "%M" -o "$out/time.txt" \
    target/release/sobriete batch "$data" > "$out/batch.csv" 2> "$out/batch.err" || status=$?
  end=$(date +%s.%N)
  kb=$(tail -n1 "$out/time.txt")
  rows=$(($(wc -l < "$out/batch.csv") - 1))
  if [ "${status:-0}" -ne 0 ] || [ "$rows" -ne "$N" ]; then
    echo "sobriete batch (exit ${status:-0}) scored $rows of $N assessments:" >&2
    head -n 5 "$out/batch.err" >&2
    exit 1
  fi
  awk -v s="$start" -v e="$end" -v n="$rows" -v kb="$kb" -v t="${threads:-all}" 'BEGIN {
    d = e - s;
    printf "| CLI | `sobriete batch` JSON Lines → CSV, streamed, %s core(s), peak memory %.0f MB | %d | %.3f s | %.1f µs | |\n", t, kb / 1024, n, d, d / n * 1e6 }'
done

# Python: the same assessments, each method against pure Python on the same input.
.venv/bin/python bindings-python/benchmarks/bench_batch.py --input "$data" --repeat 2 --rows

if [ -z "${SKIP_NODE:-}" ]; then
  if [ ! -f bindings-wasm/pkg/index.js ] || [ ! -f bindings-wasm/pkg/sobriete_node_bg.wasm ]; then
    (cd bindings-wasm && npm ci --no-audit --no-fund --silent && bash build.sh)
  fi
  echo
  (cd benchmarks/node && node --expose-gc bench.mjs --n "$N" --repeat 2 --data "$OLDPWD/$data")
fi
