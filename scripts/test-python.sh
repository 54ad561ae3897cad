#!/usr/bin/env bash
# The Python binding's suite: builds the abi3 wheel with maturin (release),
# installs it with its extras into a fresh venv and runs pytest there. The
# pytest suite includes `mypy --strict` over examples/python and
# `python -m mypy.stubtest ogi_report` (tests/test_typing.py), the golden
# corpus tests, the README examples and the hypothesis tests.
# Idempotent: installs what it needs into .venv, skipping what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

# Own target dir, so this never waits on another cargo's lock in target/.
export CARGO_TARGET_DIR="$ROOT/target/python"
VENV="$ROOT/.venv"
TEST_VENV="$CARGO_TARGET_DIR/test-venv"
WHEELS="$CARGO_TARGET_DIR/wheels"

step() { printf '\n--> %s\n' "$*"; }

step "build tools in .venv"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
need=()
for pkg in maturin pytest hypothesis mypy pandas pydantic; do
  "$VENV/bin/python" -m pip show -q "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  "$VENV/bin/python" -m pip install -q "${need[@]}"
fi

step "wheel (maturin, release)"
rm -rf "$WHEELS"
"$VENV/bin/maturin" build --release --quiet -m bindings/python/Cargo.toml -o "$WHEELS"
WHEEL="$(ls "$WHEELS"/ogi_report-*.whl)"

step "fresh venv with the wheel and its extras"
rm -rf "$TEST_VENV"
python3 -m venv "$TEST_VENV"
"$TEST_VENV/bin/python" -m pip install -q "${WHEEL}[pandas,test]"

step "pytest (golden, API, fuzz, README, examples, mypy --strict, stubtest)"
cd "$ROOT/bindings/python"
HYPOTHESIS_STORAGE_DIRECTORY="$CARGO_TARGET_DIR/hypothesis" \
  "$TEST_VENV/bin/python" -m pytest -q -p no:cacheprovider tests

step "benchmark smoke run (the full run: python benches/python/bench.py --write)"
cd "$ROOT"
"$TEST_VENV/bin/python" benches/python/bench.py --files 100 --rounds 1 >/dev/null
echo "bench.py ran"
