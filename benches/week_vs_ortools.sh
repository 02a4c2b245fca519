#!/usr/bin/env bash
# The week planner against OR-Tools' routing solver on three generated weeks (issue #25):
# plans them with `examples/week_vs_ortools` (release build), then solves the same JSON
# instances with OR-Tools (`benches/ortools_week.py`) and prints both side by side.
#
# Needs OR-Tools in a Python outside the repository, once:
#   python3 -m venv /tmp/venv-ortools && /tmp/venv-ortools/bin/pip install ortools
# Run (PYTHON defaults to that venv; extra arguments go to the Python script):
#   bash benches/week_vs_ortools.sh [DIR] [--time-limit 10 60] [--warm 60]
# CI does not run it: the example alone (cargo run --example week_vs_ortools DIR) needs no
# Python and checks every rule of its own weeks.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-$(mktemp -d)}"
shift || true
python="${PYTHON:-/tmp/venv-ortools/bin/python}"
cargo build --release --example week_vs_ortools --quiet
echo "== mobile-stops (examples/week_vs_ortools, release, median of 3 runs)"
target/release/examples/week_vs_ortools "$dir"
echo
echo "== side by side: drive minutes, truck-days, trucks, seconds, rules checked by the script"
"$python" benches/ortools_week.py "$dir" "$@" | sed '/^\[/d'
