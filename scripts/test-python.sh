#!/usr/bin/env bash
# The Python binding: installs it in a virtual environment (.venv) with
# what its tests need, idempotently, lints the repository's Python (ruff),
# then runs pytest (golden vectors, errors, round trips, every operation
# against the CLI, the notebook, mypy --strict, stubtest). Called by
# scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3-venv
    rm -rf .venv
    python3 -m venv .venv
  fi
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r bindings-python/requirements-test.txt
# Lint every tracked Python file of the repository (package, tests,
# benchmarks, tools, examples, scripts, fuzz) first: it fails in a second,
# before the wheel's build. Rules in bindings-python/pyproject.toml.
mapfile -t python_files < <(git ls-files '*.py' '*.pyi')
.venv/bin/ruff check --config bindings-python/pyproject.toml -- "${python_files[@]}"
# A release wheel, built and installed the way users install it.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps './bindings-python[pandas]'
.venv/bin/python bindings-python/tools/gen_documents.py --check
# The CLI is the reference the API tests compare with.
cargo build --quiet --locked -p sobriete-cli
.venv/bin/python -m pytest -q bindings-python/tests
# The Éco-clic figure against Éco-clic's formula, computed from the dump's
# tables read by sqlglot, on random complete answer sets at both levels.
.venv/bin/python scripts/check-ecoclic.py tests/import-fixtures/ecoclic/mini.sql --n 300
