#!/bin/sh
# The GPU table of docs/performance.md, on a machine whose image has JAX with CUDA but nothing
# else of ours and no network. From the repository root:
#
#   here (with network), once:  pip download --only-binary=:all: --dest bench/wheels sympy mpmath click platformdirs
#   there (the `device` tool, carrying bench/wheels):  sh bench/gpu.sh
#
# It runs from the source tree (no build backend needed) and writes its results to $OUT.
set -eu
OUT="${OUT:-bench/out}"
mkdir -p "$OUT"
python -m pip install --quiet --no-index --find-links bench/wheels sympy mpmath click platformdirs
export PYTHONPATH="$PWD"
nvidia-smi --query-gpu=name,memory.total --format=csv > "$OUT/gpu.txt" 2>&1 || true
python -m derive check --all --device gpu --no-cache --json > "$OUT/check-all-gpu.json" || true
python bench/run.py > "$OUT/bench-gpu.txt" 2> "$OUT/bench-gpu.err"
