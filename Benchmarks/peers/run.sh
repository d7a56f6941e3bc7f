#!/usr/bin/env bash
# Lode against PuLP + GLPK, PuLP + CBC, Pyomo + GLPK and highspy, in one run:
#   Benchmarks/peers/run.sh [--sizes 40 1000 10000 50000] [--time-limit 600] [--sweep-points 50]
# Installs the peers into Benchmarks/peers/.venv (PyPI), builds lode in release mode, needs glpsol.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
swift build -c release --product lode >/dev/null
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q -r "$here/requirements.txt"
fi
exec "$here/.venv/bin/python" "$here/run.py" "$@"
