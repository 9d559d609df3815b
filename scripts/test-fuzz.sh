#!/usr/bin/env bash
# Bounded fuzzing of every entry point that takes outside input.
#
#   scripts/test-fuzz.sh [TARGET...]
#
# Installs cargo-fuzz when missing, builds the targets of fuzz/ (libFuzzer,
# on nightly, with debug assertions so that integer overflows panic, and
# without AddressSanitizer: the core forbids unsafe code, so ASan would
# only slow every execution down for no check that safe Rust needs),
# replays every committed reproducer under fuzz/regressions/<target>/, then
# fuzzes each target from seeds made of the repository's own documents
# (fuzz/seeds.py): 10 s per target by default, so that a local run stays
# short, 60 s when CI=true, where the run has the time to search deeper;
# SOBRIETE_FUZZ_SECONDS overrides both. Prints target / executions /
# outcome and fails on any crash, timeout (one input over 10 s) or
# out-of-memory (2 GB). A finding is left in
# fuzz/artifacts/<target>/: fix the library, then move the file to
# fuzz/regressions/<target>/ and add it to core/tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${CI:-}" = true ]; then default_seconds=60; else default_seconds=10; fi
SECONDS_PER_TARGET="${SOBRIETE_FUZZ_SECONDS:-$default_seconds}"
TOOLCHAIN="${SOBRIETE_FUZZ_TOOLCHAIN:-nightly}"

if ! rustup run "$TOOLCHAIN" rustc --version >/dev/null 2>&1; then
  echo "== installing the $TOOLCHAIN toolchain (cargo-fuzz needs nightly)"
  rustup toolchain install "$TOOLCHAIN" --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --version '^0.13'
fi

mapfile -t ALL < <(cargo fuzz list --fuzz-dir fuzz)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi

echo "== building ${#TARGETS[@]} fuzz targets"
# -a: debug assertions (overflow checks); -s none: no sanitizer (see above).
cargo "+$TOOLCHAIN" fuzz build -a -s none --fuzz-dir fuzz

python3 fuzz/seeds.py

LIBFUZZER_FLAGS=(-rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1)
LOG_DIR="fuzz/artifacts/logs"
mkdir -p "$LOG_DIR"
failed=0
rows=()

for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/artifacts/$t" "fuzz/corpus/$t"
  dict=()
  [ "$t" != structured ] && dict=(-dict=fuzz/json.dict)
  [ "$t" = ecoclic ] && dict=(-dict=fuzz/sql.dict)

  # Replay the committed reproducers first: each must now pass.
  outcome="ok"
  shopt -s nullglob
  repros=(fuzz/regressions/"$t"/*)
  shopt -u nullglob
  if [ "${#repros[@]}" -gt 0 ]; then
    if ! cargo "+$TOOLCHAIN" fuzz run -a -s none --fuzz-dir fuzz "$t" "${repros[@]}" -- \
        "${LIBFUZZER_FLAGS[@]}" >"$LOG_DIR/$t-regressions.log" 2>&1; then
      outcome="REGRESSION (see $LOG_DIR/$t-regressions.log)"
      failed=1
    fi
  fi

  # A fresh working corpus each run (seeds only): runs are reproducible
  # and the corpus does not grow across runs.
  work="fuzz/corpus/$t.work"
  rm -rf "$work" && mkdir -p "$work"
  status=0
  cargo "+$TOOLCHAIN" fuzz run -a -s none --fuzz-dir fuzz "$t" "$work" "fuzz/corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" "${LIBFUZZER_FLAGS[@]}" "${dict[@]}" \
    -artifact_prefix="fuzz/artifacts/$t/" >"$LOG_DIR/$t.log" 2>&1 || status=$?
  rm -rf "$work"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOG_DIR/$t.log" | grep -o '[0-9]*$' | tail -1)
  execs="${execs:-?}"
  if [ "$status" -ne 0 ]; then
    kind=$(grep -oE 'ERROR: libFuzzer: [a-z-]+|panicked at [^:]*:[0-9]+' "$LOG_DIR/$t.log" | head -1 || true)
    artifact=$(grep -oE "fuzz/artifacts/$t/[a-z]+-[0-9a-f]+" "$LOG_DIR/$t.log" | head -1 || true)
    outcome="FAILED: ${kind:-exit $status} ${artifact} (log $LOG_DIR/$t.log)"
    failed=1
  fi
  rows+=("$(printf '%-14s %12s  %s' "$t" "$execs" "$outcome")")
  echo "${rows[-1]}"
done

echo
printf '%-14s %12s  %s\n' target executions outcome
printf '%s\n' "${rows[@]}"
if [ "$failed" -ne 0 ]; then
  echo "fuzzing found problems: see above" >&2
  exit 1
fi
echo "fuzzing: no crash, timeout or out-of-memory in ${#TARGETS[@]} targets × ${SECONDS_PER_TARGET} s"
