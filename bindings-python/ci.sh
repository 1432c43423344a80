#!/usr/bin/env bash
# The Python binding's CI, run from the repository root (by .ci/run, or by hand):
# a fresh virtual environment, the wheel built by maturin and installed into it as a user
# would, then pytest, the stub check and the example script. Needs only Python 3.9+, pip
# and Rust; installs nothing outside the venv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
WORK="${RT_PY_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/roadmap-tracker-py.XXXXXX")}"
VENV="$WORK/venv"
WHEELS="$WORK/wheels"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/python}"

echo "python binding: work dir $WORK"
if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
  # Debian's python3 without python3-venv has no ensurepip: make the venv without pip and
  # let the interpreter's own pip install pip into it.
  rm -rf "$VENV"
  "$PYTHON" -m venv --without-pip "$VENV"
  "$PYTHON" -m pip --python "$VENV/bin/python" install --quiet pip
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"
python -m pip install --quiet --upgrade pip
python -m pip install --quiet "maturin>=1.9,<2" pytest numpy pandas pandas-stubs pyarrow polars matplotlib mypy nbconvert ipykernel

echo "python binding: building the wheel"
maturin build --release --quiet -m bindings-python/Cargo.toml --out "$WHEELS" --interpreter "$VENV/bin/python"
python -m pip install --quiet --force-reinstall --no-deps "$WHEELS"/roadmap_tracker-*.whl
python -c "import roadmap_tracker, sys; print('installed roadmap_tracker', roadmap_tracker.__version__, 'from', roadmap_tracker.__file__)"

echo "python binding: pytest"
# Run from outside the source tree so the installed wheel is what gets imported.
status=0
(cd "$WORK" && python -m pytest -q -p no:cacheprovider "$OLDPWD/bindings-python/tests") || status=$?
if [ "$status" -eq 5 ]; then
  echo "python binding: pytest collected no tests" >&2
  exit 1
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi

echo "python binding: the pandas-facing modules under pandas 2"
# The main venv has the newest pandas (3, whose default string dtype is "str"); a second
# one with pandas 2 runs the modules that build or read DataFrames.
VENV2="$WORK/venv-pandas2"
[ -x "$VENV2/bin/python" ] || "$PYTHON" -m venv "$VENV2" 2>/dev/null || {
  rm -rf "$VENV2"; "$PYTHON" -m venv --without-pip "$VENV2"; "$PYTHON" -m pip --python "$VENV2/bin/python" install --quiet pip; }
"$VENV2/bin/python" -m pip install --quiet "pandas>=2,<3" pyarrow polars pytest
"$VENV2/bin/python" -m pip install --quiet --force-reinstall --no-deps "$WHEELS"/roadmap_tracker-*.whl
TESTS="$PWD/bindings-python/tests"
(cd "$WORK" && "$VENV2/bin/python" -m pytest -q -p no:cacheprovider "$TESTS"/test_missing.py \
  "$TESTS"/test_misuse.py "$TESTS"/test_tables.py "$TESTS"/test_frames.py "$TESTS"/test_deadlines.py \
  "$TESTS"/test_display.py "$TESTS"/test_sheets.py)

echo "python binding: stubtest"
(cd "$WORK" && python -m mypy.stubtest roadmap_tracker._native --allowlist "$OLDPWD/bindings-python/stubtest-allowlist.txt")
(cd "$WORK" && python -m mypy --strict --no-incremental --cache-dir=/dev/null "$OLDPWD/bindings-python/tests/typing_check.py")
# The package's own Python (the records' TypedDicts, DataFrame returns), from its source;
# matplotlib.dates has no annotations.
(cd bindings-python/python && python -m mypy --strict --untyped-calls-exclude=matplotlib.dates --no-incremental \
  --cache-dir=/dev/null -p roadmap_tracker)

echo "python binding: example"
OUT="$WORK/example-out"
(cd "$WORK" && MPLBACKEND=Agg python "$OLDPWD/examples/python/walkthrough.py" --out "$OUT")
test -s "$OUT/report-2026-06-30.txt"
ls "$OUT"/*.png >/dev/null

echo "python binding: the tour notebook"
# Executed where it lives (it reads the shared fixtures by a relative path); the executed
# copy goes to the work dir, the repository's stays without outputs.
(cd examples/python && MPLBACKEND=Agg jupyter nbconvert --to notebook --execute --log-level=WARN \
  --ExecutePreprocessor.timeout=120 --output "$WORK/tour-executed.ipynb" tour.ipynb)

deactivate
if [ -z "${RT_PY_WORK:-}" ]; then rm -rf "$WORK"; fi
echo "python binding: ok"
