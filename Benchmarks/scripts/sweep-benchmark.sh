#!/usr/bin/env bash
# A 100-point sweep of a share cap on generated models: warm against cold, 1 job against 2, where
# the cap does not bind and where it does (see sweep-benchmark.py for what each column measures).
#   Benchmarks/scripts/sweep-benchmark.sh [--sizes 1000 10000] [--reps 7]
# Run from the repository's top folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product lode >/dev/null
exec python3 Benchmarks/scripts/sweep-benchmark.py "$@"
